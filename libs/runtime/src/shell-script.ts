/**
 * The syntax half of the v1 shell: splits a `sh -c` script into simple commands joined by
 * `;`, newlines, `&&` and `||`, with POSIX quoting (`'…'`, `"…"`, `\`) and `#` comments.
 * Not yet understood: expansions (`$X`, `$(…)` stay literal), redirections, compound commands
 * (`if`, `while`, `until`, `for`). A pipe `|` or `&` is read as a plain separator for now.
 */
export type Connector = ';' | '&&' | '||';

export interface SimpleCommand {
  /** How this command joins the previous one; the first command's is `;`. */
  readonly connector: Connector;
  readonly words: readonly string[];
}

export function splitScript(script: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let word: string | null = null;
  let connector: Connector = ';';

  const endWord = () => {
    if (word !== null) words.push(word);
    word = null;
  };
  const endCommand = (next: Connector) => {
    endWord();
    if (words.length > 0) commands.push({ connector, words });
    words = [];
    connector = next;
  };

  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    const next = script[i + 1];
    if (ch === ' ' || ch === '\t') {
      endWord();
    } else if (ch === '\n' || ch === ';') {
      endCommand(';');
    } else if ((ch === '&' || ch === '|') && next === ch) {
      endCommand(ch === '&' ? '&&' : '||');
      i++;
    } else if (ch === '&' || ch === '|') {
      endCommand(';');
    } else if (ch === '#' && word === null) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i++;
    } else if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end < 0 ? script.length : end;
      word = (word ?? '') + script.slice(i + 1, stop);
      i = stop;
    } else if (ch === '"') {
      const [text, stop] = readDoubleQuoted(script, i + 1);
      word = (word ?? '') + text;
      i = stop;
    } else if (ch === '\\') {
      if (next !== '\n' && next !== undefined) word = (word ?? '') + next;
      i++;
    } else {
      word = (word ?? '') + ch;
    }
  }
  endCommand(';');
  return commands;
}

/** Reads up to the closing `"`; returns the text and the index of the closing quote. */
function readDoubleQuoted(script: string, from: number): [string, number] {
  let text = '';
  let i = from;
  for (; i < script.length && script[i] !== '"'; i++) {
    const next = script[i + 1];
    if (script[i] === '\\' && next !== undefined && '"\\$`\n'.includes(next)) {
      if (next !== '\n') text += next;
      i++;
    } else {
      text += script[i];
    }
  }
  return [text, i];
}
