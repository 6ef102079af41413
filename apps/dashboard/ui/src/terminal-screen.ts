/** How many lines a terminal keeps (older ones scroll away). */
const SCROLLBACK = 2000;

/**
 * What a terminal shows of a byte stream, minimally: `\r` to the line's start, `\n` down a line,
 * `\b` back one (a shell erases with `\b \b`), tabs to the next multiple of 8, printable text
 * overwriting at the cursor; escape sequences (colours, cursor moves) are dropped.
 */
export class TerminalScreen {
  lines: string[] = [''];
  row = 0;
  col = 0;

  write(text: string): void {
    // eslint-disable-next-line no-control-regex
    const plain = text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_]/g, '');
    for (const ch of plain) {
      if (ch === '\r') this.col = 0;
      else if (ch === '\n') this.newline();
      else if (ch === '\b') this.col = Math.max(0, this.col - 1);
      else if (ch === '\t') this.put(' '.repeat(8 - (this.col % 8)));
      else if (ch >= ' ') this.put(ch);
    }
  }

  /** The screen's text, and the cursor's place in it (an index). */
  view(): { text: string; cursor: number } {
    const before = this.lines.slice(0, this.row).reduce((n, l) => n + l.length + 1, 0);
    return { text: this.lines.join('\n'), cursor: before + Math.min(this.col, this.lines[this.row].length) };
  }

  private put(s: string) {
    const line = this.lines[this.row].padEnd(this.col);
    this.lines[this.row] = line.slice(0, this.col) + s + line.slice(this.col + s.length);
    this.col += s.length;
  }

  private newline() {
    this.row++;
    if (this.row === this.lines.length) this.lines.push('');
    if (this.lines.length > SCROLLBACK) {
      this.lines.shift();
      this.row--;
    }
  }
}

/** The bytes a key press sends to the shell (as a terminal sends them), or undefined for one it ignores. */
export function keyBytes(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): string | undefined {
  if (e.metaKey) return undefined;
  if (e.ctrlKey && /^[a-z]$/i.test(e.key)) return String.fromCharCode(e.key.toUpperCase().charCodeAt(0) - 64);
  switch (e.key) {
    case 'Enter':
      return '\r';
    case 'Backspace':
      return '\x7f';
    case 'Tab':
      return '\t';
    case 'Escape':
      return '\x1b';
  }
  return e.key.length === 1 && !e.ctrlKey ? e.key : undefined;
}
