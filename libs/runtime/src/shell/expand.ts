import type { Word } from './shell-ast';
import type { Gen } from './process-types';
import { evaluateArithmetic } from './arith';
import { globRegExp, hasGlob } from './glob';
import { tokenize } from './shell-lexer';

/** What expansion needs from the shell running it. */
export interface ExpansionScope {
  lookup(name: string): string | undefined;
  /** `$@` / `$*`. */
  positional(): readonly string[];
  /** `$(…)`: the command's stdout, trailing newlines removed. */
  substitute(source: string): Gen<string>;
  /** Sets a variable (`$(( i += 1 ))`, `${x:=y}`). */
  assign(name: string, value: string): void;
  /** Pathname expansion of an unquoted pattern; undefined when nothing matches. */
  glob(pattern: string): string[] | undefined;
  /** An expansion error (`arithmetic syntax error`): the shell prints it and exits 2. */
  expansionError(message: string): never;
}

/**
 * Parameter, command and arithmetic substitution, field splitting of unquoted results, then
 * pathname expansion of unquoted patterns (POSIX 2.6); a pattern that matches nothing stays.
 */
export function* expandWords(words: readonly Word[], scope: ExpansionScope): Gen<string[]> {
  const fields: string[] = [];
  for (const word of words) fields.push(...(yield* expandWord(word, scope)));
  return fields;
}

/** One word; `"$@"` is the only quoted expansion that yields several fields. */
export function* expandWord(word: Word, scope: ExpansionScope): Gen<string[]> {
  const fields: string[] = [];
  let cur: string | null = null;
  // The field as a pattern: quoted text with its glob characters escaped.
  let pattern = '';
  const append = (text: string, quoted = true) => {
    cur = (cur ?? '') + text;
    pattern += quoted ? text.replace(/[*?[\\]/g, '\\$&') : text;
  };
  const end = () => {
    if (cur !== null) {
      const matches = hasGlob(pattern) ? scope.glob(pattern) : undefined;
      fields.push(...(matches ?? [cur]));
    }
    cur = null;
    pattern = '';
  };
  const split = (value: string) => {
    const pieces = value.split(/[ \t\n]+/);
    pieces.forEach((piece, i) => {
      if (i > 0) end();
      if (piece !== '') append(piece, false);
    });
  };

  for (const part of word) {
    if (part.kind === 'lit') {
      append(part.text, part.quoted);
      continue;
    }
    if (part.kind === 'arith') {
      const [t] = tokenize(`"${part.source.replace(/"/g, '\\"')}"`);
      const text = t?.t === 'word' ? (yield* expandWord(t.word, scope)).join(' ') : part.source;
      const v = evaluateArithmetic(text, (n) => scope.lookup(n), (n, val) => scope.assign(n, val));
      if (typeof v === 'string') scope.expansionError(`${v}`);
      if (part.quoted) append(String(v));
      else split(String(v));
      continue;
    }
    if (part.kind === 'var' && (part.name === '@' || part.name === '*')) {
      const args = scope.positional();
      if (part.quoted && part.name === '@') {
        args.forEach((a, i) => {
          if (i > 0) end();
          append(a);
        });
      } else if (part.quoted) append(args.join(' '));
      else args.forEach((a) => (end(), split(a)));
      continue;
    }
    const value = part.kind === 'var' ? parameter(part.name, scope) : yield* scope.substitute(part.source);
    if (part.quoted) append(value);
    else split(value);
  }
  end();
  return fields;
}

/** `NAME`, `NAME:-word`, `NAME-word`, `NAME:=word`, `NAME:+word`, `#NAME` (length), `NAME%pat` `%%` `#` `##`, `NAME/a/b`. */
function parameter(expr: string, scope: ExpansionScope): string {
  if (expr.startsWith('#') && expr.length > 1) return String((scope.lookup(expr.slice(1)) ?? '').length);
  const trim = /^([A-Za-z_][A-Za-z0-9_]*|[0-9])(%%|%|##|#)(.*)$/.exec(expr);
  if (trim) return trimmed(scope.lookup(trim[1]) ?? '', trim[2], trim[3]);
  const sub = /^([A-Za-z_][A-Za-z0-9_]*)\/(\/?)([^/]*)(?:\/(.*))?$/.exec(expr);
  if (sub) {
    const re = globRegExp(sub[3]).source.slice(1, -1);
    return (scope.lookup(sub[1]) ?? '').replace(new RegExp(re, sub[2] ? 'g' : ''), sub[4] ?? '');
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#!0-9])(:?)([-=+])(.*)$/.exec(expr);
  if (!m) return scope.lookup(expr) ?? '';
  const [, name, colon, op, word] = m;
  const value = scope.lookup(name);
  const unset = value === undefined || (colon === ':' && value === '');
  if (op === '+') return unset ? '' : word;
  if (op === '=' && unset) scope.assign(name, word);
  return unset ? word : value!;
}

/** `%`/`%%`: shortest/longest suffix matching `pat` removed; `#`/`##`: prefix. */
function trimmed(value: string, op: string, pat: string): string {
  const re = globRegExp(pat);
  const n = value.length;
  if (op === '%' || op === '%%') {
    for (let k = op === '%' ? n : 0; op === '%' ? k >= 0 : k <= n; k += op === '%' ? -1 : 1) if (re.test(value.slice(k))) return value.slice(0, k);
  } else {
    for (let k = op === '#' ? 0 : n; op === '#' ? k <= n : k >= 0; k += op === '#' ? 1 : -1) if (re.test(value.slice(0, k))) return value.slice(k);
  }
  return value;
}
