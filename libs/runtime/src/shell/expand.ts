import type { Word } from './shell-ast';
import type { Gen } from './process-types';

/** What expansion needs from the shell running it. */
export interface ExpansionScope {
  lookup(name: string): string | undefined;
  /** `$@` / `$*`. */
  positional(): readonly string[];
  /** `$(…)`: the command's stdout, trailing newlines removed. */
  substitute(source: string): Gen<string>;
}

/**
 * Parameter and command substitution, then field splitting of unquoted results (POSIX 2.6).
 * Globbing is not done: a pattern stays literal, as when nothing matches.
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
  const append = (text: string) => (cur = (cur ?? '') + text);
  const end = () => {
    if (cur !== null) fields.push(cur);
    cur = null;
  };
  const split = (value: string) => {
    const pieces = value.split(/[ \t\n]+/);
    pieces.forEach((piece, i) => {
      if (i > 0) end();
      if (piece !== '') append(piece);
    });
  };

  for (const part of word) {
    if (part.kind === 'lit') {
      append(part.text);
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

/** `NAME`, `NAME:-word`, `NAME-word`, `NAME:=word`, `#NAME` (length). */
function parameter(expr: string, scope: ExpansionScope): string {
  if (expr.startsWith('#') && expr.length > 1) return String((scope.lookup(expr.slice(1)) ?? '').length);
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#!0-9])(:?)([-=+])(.*)$/.exec(expr);
  if (!m) return scope.lookup(expr) ?? '';
  const [, name, colon, op, word] = m;
  const value = scope.lookup(name);
  const unset = value === undefined || (colon === ':' && value === '');
  if (op === '+') return unset ? '' : word;
  return unset ? word : value!;
}
