/**
 * Renders rows the way kubectl does: cells joined by tabs through Go's text/tabwriter with kubectl's
 * settings (cli-runtime printers.GetNewTabWriter: minwidth 6, padding 3, pad char ' ').
 *
 * A cell belongs to a column only when a tab follows it, so the last cell of a line is never padded.
 * A column is as wide as its widest cell plus the padding, and at least `MIN_WIDTH`; widths are
 * computed per block of consecutive lines that have that column, as tabwriter does.
 */
const MIN_WIDTH = 6;
const PADDING = 3;

export function renderTable(headers: string[], rows: string[][]): string {
  const lines = [headers, ...rows];
  const out: string[] = [];
  format(lines, [], 0, lines.length, out);
  // kubectl never leaves trailing blanks in practice; an empty last cell would, so strip them.
  return out.map((line) => `${line.replace(/ +$/, '')}\n`).join('');
}

/** Port of tabwriter.(*Writer).format: fixes the width of column `widths.length`, then recurses. */
function format(lines: string[][], widths: number[], line0: number, line1: number, out: string[]): void {
  const col = widths.length;
  let start = line0;
  for (let current = line0; current < line1; current++) {
    if (col >= lines[current].length - 1) continue;
    writeLines(lines, widths, start, current, out);
    start = current;
    let width = MIN_WIDTH;
    for (; current < line1 && col < lines[current].length - 1; current++) {
      width = Math.max(width, textWidth(lines[current][col]) + PADDING);
    }
    format(lines, [...widths, width], start, current, out);
    start = current;
    // Like Go, the loop's increment then skips the line that ended the block: it lacks this column.
  }
  writeLines(lines, widths, start, line1, out);
}

function writeLines(lines: string[][], widths: number[], from: number, to: number, out: string[]): void {
  for (let i = from; i < to; i++) {
    out.push(lines[i].map((cell, j) => (j < widths.length ? cell.padEnd(widths[j] - textWidth(cell) + cell.length) : cell)).join(''));
  }
}

/** tabwriter counts runes, not UTF-16 units. */
function textWidth(text: string): number {
  return [...text].length;
}
