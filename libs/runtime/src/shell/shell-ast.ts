/**
 * The syntax tree of the POSIX-shell subset kubesim runs. Words keep their quoting so that
 * expansion (variables, `$(…)`, field splitting) happens when the command runs, as in sh.
 */
export type WordPart =
  | { readonly kind: 'lit'; readonly text: string; readonly quoted: boolean }
  | { readonly kind: 'var'; readonly name: string; readonly quoted: boolean }
  | { readonly kind: 'cmd'; readonly source: string; readonly quoted: boolean }
  /** `$(( … ))`: evaluated after its `$name`s and `$(…)`s are expanded. */
  | { readonly kind: 'arith'; readonly source: string; readonly quoted: boolean };

export type Word = readonly WordPart[];

export interface Redirect {
  /** 1 = stdout, 2 = stderr, 0 = stdin. */
  readonly fd: number;
  /** `<<` is a here-document: `target` is its body (quoted parts when its delimiter was quoted). */
  readonly op: '>' | '>>' | '<' | '>&' | '<<';
  readonly target: Word;
}

export type ShellNode =
  | { readonly t: 'simple'; readonly assigns: readonly (readonly [string, Word])[]; readonly words: readonly Word[]; readonly redirects: readonly Redirect[] }
  | { readonly t: 'pipeline'; readonly commands: readonly ShellNode[]; readonly negate: boolean }
  | { readonly t: 'and' | 'or'; readonly left: ShellNode; readonly right: ShellNode }
  | { readonly t: 'list'; readonly items: readonly ShellNode[] }
  | { readonly t: 'background'; readonly body: ShellNode }
  | { readonly t: 'if'; readonly clauses: readonly (readonly [ShellNode, ShellNode])[]; readonly otherwise?: ShellNode }
  | { readonly t: 'while' | 'until'; readonly cond: ShellNode; readonly body: ShellNode }
  | { readonly t: 'for'; readonly name: string; readonly items?: readonly Word[]; readonly body: ShellNode }
  | { readonly t: 'group'; readonly body: ShellNode; readonly subshell: boolean; readonly redirects: readonly Redirect[] }
  | { readonly t: 'case'; readonly word: Word; readonly items: readonly { readonly patterns: readonly Word[]; readonly body?: ShellNode }[] }
  | { readonly t: 'function'; readonly name: string; readonly body: ShellNode };

/** A word with no quoting or expansion, as typed: what reserved words are matched against. */
export function plainText(word: Word): string | undefined {
  if (word.length !== 1) return undefined;
  const p = word[0];
  return p.kind === 'lit' && !p.quoted ? p.text : undefined;
}

export class ShellSyntaxError extends Error {}
