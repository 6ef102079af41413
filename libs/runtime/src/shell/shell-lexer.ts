import { ShellSyntaxError, type Word, type WordPart } from './shell-ast';

export type Token =
  | { readonly t: 'word'; readonly word: Word }
  | { readonly t: 'op'; readonly op: '&&' | '||' | '|' | ';' | ';;' | '&' | '(' | ')' | '\n' }
  | { readonly t: 'redir'; readonly fd: number; readonly op: '>' | '>>' | '<' | '>&' | '<<' };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const SPECIAL_PARAMS = '?$#@*!0123456789';

/** Splits a script into words (with their quoting kept) and operators; `#` starts a comment. */
export function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  /** Here-documents whose body starts after the next newline: delimiter, quoted, strip tabs, the word to fill. */
  const heredocs: { delim: string; quoted: boolean; strip: boolean; word: WordPart[] }[] = [];
  let parts: WordPart[] = [];
  let started = false;
  let i = 0;
  const lit = (text: string, quoted: boolean) => {
    const last = parts[parts.length - 1];
    if (last?.kind === 'lit' && last.quoted === quoted) parts[parts.length - 1] = { kind: 'lit', text: last.text + text, quoted };
    else parts.push({ kind: 'lit', text, quoted });
    started = true;
  };
  const endWord = () => {
    if (started) tokens.push({ t: 'word', word: parts });
    parts = [];
    started = false;
  };
  /** `$…` at `i` (pointing at `$`): pushes the part, returns the index after it. */
  const dollar = (quoted: boolean): void => {
    const next = script[i + 1];
    if (next === '(' && script[i + 2] === '(') {
      const end = matchArith(script, i + 3);
      parts.push({ kind: 'arith', source: script.slice(i + 3, end), quoted });
      started = true;
      i = end + 2;
    } else if (next === '(') {
      const end = matchParen(script, i + 2);
      parts.push({ kind: 'cmd', source: script.slice(i + 2, end), quoted });
      started = true;
      i = end + 1;
    } else if (next === '{') {
      const end = script.indexOf('}', i + 2);
      if (end < 0) throw new ShellSyntaxError('syntax error: missing }');
      parts.push({ kind: 'var', name: script.slice(i + 2, end), quoted });
      started = true;
      i = end + 1;
    } else if (next !== undefined && SPECIAL_PARAMS.includes(next)) {
      parts.push({ kind: 'var', name: next, quoted });
      started = true;
      i += 2;
    } else {
      NAME.lastIndex = i + 1;
      const m = NAME.exec(script);
      if (m) {
        parts.push({ kind: 'var', name: m[0], quoted });
        started = true;
        i += 1 + m[0].length;
      } else {
        lit('$', quoted);
        i++;
      }
    }
  };

  while (i < script.length) {
    const ch = script[i];
    const next = script[i + 1];
    if (ch === ' ' || ch === '\t') {
      endWord();
      i++;
    } else if (ch === '\\' && next === '\n') {
      i += 2;
    } else if (ch === '#' && !started) {
      while (i < script.length && script[i] !== '\n') i++;
    } else if (ch === ';' && next === ';') {
      endWord();
      tokens.push({ t: 'op', op: ';;' });
      i += 2;
    } else if (ch === '\n' && heredocs.length > 0) {
      endWord();
      tokens.push({ t: 'op', op: '\n' });
      i = readHeredocs(script, i + 1, heredocs.splice(0));
    } else if (ch === '\n' || ch === ';' || ch === '(' || ch === ')') {
      endWord();
      tokens.push({ t: 'op', op: ch });
      i++;
    } else if (ch === '<' && next === '<') {
      endWord();
      const strip = script[i + 2] === '-';
      i += strip ? 3 : 2;
      while (script[i] === ' ' || script[i] === '\t') i++;
      let raw = '';
      while (i < script.length && !/[\s;|&<>()]/.test(script[i])) raw += script[i++];
      const word: WordPart[] = [];
      heredocs.push({ delim: raw.replace(/['"\\]/g, ''), quoted: /['"\\]/.test(raw), strip, word });
      tokens.push({ t: 'redir', fd: 0, op: '<<' }, { t: 'word', word });
    } else if (ch === '&' || ch === '|') {
      endWord();
      if (next === ch) {
        tokens.push({ t: 'op', op: ch === '&' ? '&&' : '||' });
        i += 2;
      } else {
        tokens.push({ t: 'op', op: ch });
        i++;
      }
    } else if (ch === '>' || ch === '<') {
      const fdText = parts.length === 1 && parts[0].kind === 'lit' && !parts[0].quoted && /^\d$/.test(parts[0].text) ? parts[0].text : undefined;
      if (fdText !== undefined) {
        parts = [];
        started = false;
      } else endWord();
      const fd = fdText !== undefined ? Number(fdText) : ch === '<' ? 0 : 1;
      if (ch === '>' && next === '>') (tokens.push({ t: 'redir', fd, op: '>>' }), (i += 2));
      else if (ch === '>' && next === '&') (tokens.push({ t: 'redir', fd, op: '>&' }), (i += 2));
      else (tokens.push({ t: 'redir', fd, op: ch }), i++);
    } else if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('syntax error: unterminated quoted string');
      lit(script.slice(i + 1, end), true);
      i = end + 1;
    } else if (ch === '"') {
      i++;
      lit('', true);
      while (i < script.length && script[i] !== '"') {
        const c = script[i];
        if (c === '\\' && script[i + 1] !== undefined && '"\\$`\n'.includes(script[i + 1])) {
          if (script[i + 1] !== '\n') lit(script[i + 1], true);
          i += 2;
        } else if (c === '$') dollar(true);
        else if (c === '`') i = backtick(script, i, true, parts);
        else (lit(c, true), i++);
      }
      if (i >= script.length) throw new ShellSyntaxError('syntax error: unterminated quoted string');
      i++;
    } else if (ch === '\\') {
      if (next !== undefined) lit(next, true);
      i += 2;
    } else if (ch === '$') {
      dollar(false);
    } else if (ch === '`') {
      i = backtick(script, i, false, parts);
      started = true;
    } else {
      lit(ch, false);
      i++;
    }
  }
  endWord();
  if (heredocs.length) readHeredocs(script, script.length, heredocs);
  return tokens;
}

/** Reads here-document bodies from `from` (the line after their `<<`); returns where the script goes on. */
function readHeredocs(script: string, from: number, docs: { delim: string; quoted: boolean; strip: boolean; word: WordPart[] }[]): number {
  let i = from;
  for (const d of docs) {
    let body = '';
    while (i <= script.length) {
      const end = script.indexOf('\n', i);
      const line = script.slice(i, end < 0 ? script.length : end);
      i = end < 0 ? script.length + 1 : end + 1;
      const text = d.strip ? line.replace(/^\t+/, '') : line;
      if (text === d.delim) break;
      body += text + '\n';
      if (end < 0) break;
    }
    if (d.quoted) d.word.push({ kind: 'lit', text: body, quoted: true });
    else d.word.push(...heredocParts(body));
  }
  return Math.min(i, script.length);
}

/** An unquoted here-document's body: `$name`, `${…}`, `$(…)`, `$((…))` expand, as inside double quotes. */
function heredocParts(body: string): WordPart[] {
  const escaped = body.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const [t] = tokenize(`"${escaped}"`);
  return t && t.t === 'word' ? [...t.word] : [{ kind: 'lit', text: body, quoted: true }];
}

function backtick(script: string, i: number, quoted: boolean, parts: WordPart[]): number {
  const end = script.indexOf('`', i + 1);
  if (end < 0) throw new ShellSyntaxError('syntax error: unterminated `');
  parts.push({ kind: 'cmd', source: script.slice(i + 1, end), quoted });
  return end + 1;
}

/** Index of the `))` closing a `$((` whose body starts at `from`. */
function matchArith(script: string, from: number): number {
  let depth = 0;
  for (let i = from; i < script.length; i++) {
    if (script[i] === '(') depth++;
    else if (script[i] === ')') {
      if (depth === 0 && script[i + 1] === ')') return i;
      depth--;
    }
  }
  throw new ShellSyntaxError('syntax error: unterminated $((');
}

/** Index of the `)` closing a `$(` whose body starts at `from`, skipping quotes and nesting. */
function matchParen(script: string, from: number): number {
  let depth = 1;
  for (let i = from; i < script.length; i++) {
    const c = script[i];
    if (c === "'") i = script.indexOf("'", i + 1);
    else if (c === '"') {
      for (i++; i < script.length && script[i] !== '"'; i++) if (script[i] === '\\') i++;
    } else if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
    if (i < 0) break;
  }
  throw new ShellSyntaxError('syntax error: unterminated $(');
}
