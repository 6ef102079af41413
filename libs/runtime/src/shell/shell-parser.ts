import { plainText, ShellSyntaxError, type Redirect, type ShellNode, type Word } from './shell-ast';
import { tokenize, type Token } from './shell-lexer';

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;
const CLOSERS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', '}', 'esac']);

/** Parses a `sh -c` script; throws ShellSyntaxError with busybox's wording on bad syntax. */
export function parseScript(script: string): ShellNode {
  const p = new Parser(tokenize(script));
  const node = p.list();
  if (!p.atEnd()) throw new ShellSyntaxError(`syntax error: unexpected "${p.describe()}"`);
  return node;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  atEnd() {
    return this.i >= this.tokens.length;
  }

  describe(): string {
    const t = this.tokens[this.i];
    if (!t) return 'end of file';
    if (t.t === 'op') return t.op === '\n' ? 'newline' : t.op;
    if (t.t === 'redir') return t.op;
    return plainText(t.word) ?? 'word';
  }

  private peekWord(): string | undefined {
    const t = this.tokens[this.i];
    return t?.t === 'word' ? plainText(t.word) : undefined;
  }

  private peekOp(): string | undefined {
    const t = this.tokens[this.i];
    return t?.t === 'op' ? t.op : undefined;
  }

  private expectWord(word: string) {
    this.skipNewlines();
    if (this.peekWord() !== word) throw new ShellSyntaxError(`syntax error: unexpected "${this.describe()}" (expecting "${word}")`);
    this.i++;
  }

  private skipNewlines() {
    while (this.peekOp() === '\n') this.i++;
  }

  /** A sequence of and-or lists, up to a closing reserved word, `)` or the end. */
  list(): ShellNode {
    const items: ShellNode[] = [];
    for (;;) {
      while (this.peekOp() === '\n' || this.peekOp() === ';') this.i++;
      if (this.atEnd() || this.peekOp() === ')' || this.peekOp() === ';;' || CLOSERS.has(this.peekWord() ?? '')) break;
      let item = this.andOr();
      if (this.peekOp() === '&') {
        this.i++;
        item = { t: 'background', body: item };
      }
      items.push(item);
      const op = this.peekOp();
      if (op !== ';' && op !== '\n' && !(item.t === 'background')) break;
    }
    return items.length === 1 ? items[0] : { t: 'list', items };
  }

  private andOr(): ShellNode {
    let left = this.pipeline();
    for (;;) {
      const op = this.peekOp();
      if (op !== '&&' && op !== '||') return left;
      this.i++;
      this.skipNewlines();
      left = { t: op === '&&' ? 'and' : 'or', left, right: this.pipeline() };
    }
  }

  private pipeline(): ShellNode {
    let negate = false;
    if (this.peekWord() === '!') {
      negate = true;
      this.i++;
    }
    const commands = [this.command()];
    while (this.peekOp() === '|') {
      this.i++;
      this.skipNewlines();
      commands.push(this.command());
    }
    return commands.length === 1 && !negate ? commands[0] : { t: 'pipeline', commands, negate };
  }

  private command(): ShellNode {
    const word = this.peekWord();
    if (this.peekOp() === '(') {
      this.i++;
      const body = this.list();
      if (this.peekOp() !== ')') throw new ShellSyntaxError(`syntax error: unexpected "${this.describe()}" (expecting ")")`);
      this.i++;
      return { t: 'group', body, subshell: true, redirects: this.redirects() };
    }
    switch (word) {
      case '{': {
        this.i++;
        const body = this.list();
        this.expectWord('}');
        return { t: 'group', body, subshell: false, redirects: this.redirects() };
      }
      case 'if':
        return this.ifClause();
      case 'while':
      case 'until': {
        this.i++;
        const cond = this.list();
        const body = this.doGroup();
        return { t: word, cond, body };
      }
      case 'for':
        return this.forClause();
      case 'case':
        return this.caseClause();
    }
    // `name() compound-command`: a function definition.
    const t1 = this.tokens[this.i + 1];
    const t2 = this.tokens[this.i + 2];
    if (word !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(word) && t1?.t === 'op' && t1.op === '(' && t2?.t === 'op' && t2.op === ')') {
      this.i += 3;
      this.skipNewlines();
      return { t: 'function', name: word, body: this.command() };
    }
    if (word !== undefined && CLOSERS.has(word)) throw new ShellSyntaxError(`syntax error: unexpected "${word}"`);
    return this.simple();
  }

  private ifClause(): ShellNode {
    const clauses: [ShellNode, ShellNode][] = [];
    let otherwise: ShellNode | undefined;
    this.i++;
    for (;;) {
      const cond = this.list();
      this.expectWord('then');
      clauses.push([cond, this.list()]);
      const next = this.peekWord();
      this.i++;
      if (next === 'elif') continue;
      if (next === 'else') {
        otherwise = this.list();
        this.expectWord('fi');
      } else if (next !== 'fi') {
        this.i--;
        throw new ShellSyntaxError(`syntax error: unexpected "${this.describe()}" (expecting "fi")`);
      }
      return { t: 'if', clauses, otherwise };
    }
  }

  private forClause(): ShellNode {
    this.i++;
    const name = this.peekWord();
    if (name === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShellSyntaxError(`syntax error: bad for loop variable`);
    this.i++;
    this.skipNewlines();
    let items: Word[] | undefined;
    if (this.peekWord() === 'in') {
      this.i++;
      items = [];
      while (this.tokens[this.i]?.t === 'word') items.push((this.tokens[this.i++] as { word: Word }).word);
    }
    if (this.peekOp() === ';') this.i++;
    return { t: 'for', name, items, body: this.doGroup() };
  }

  private caseClause(): ShellNode {
    this.i++;
    const subject = this.tokens[this.i++];
    if (subject?.t !== 'word') throw new ShellSyntaxError(`syntax error: unexpected "${this.describe()}"`);
    this.expectWord('in');
    const items: { patterns: Word[]; body?: ShellNode }[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.peekWord() === 'esac') {
        this.i++;
        return { t: 'case', word: subject.word, items };
      }
      if (this.peekOp() === '(') this.i++;
      const patterns: Word[] = [];
      for (;;) {
        const t = this.tokens[this.i++];
        if (t?.t !== 'word') throw new ShellSyntaxError(`syntax error: unexpected "${this.describe()}" (expecting ")")`);
        patterns.push(t.word);
        if (this.peekOp() === '|') this.i++;
        else break;
      }
      if (this.peekOp() !== ')') throw new ShellSyntaxError(`syntax error: unexpected "${this.describe()}" (expecting ")")`);
      this.i++;
      this.skipNewlines();
      const body = this.peekOp() === ';;' || this.peekWord() === 'esac' ? undefined : this.list();
      items.push({ patterns, body });
      if (this.peekOp() === ';;') this.i++;
      else if (this.peekWord() !== 'esac') throw new ShellSyntaxError(`syntax error: unexpected "${this.describe()}" (expecting "esac")`);
    }
  }

  private doGroup(): ShellNode {
    this.expectWord('do');
    const body = this.list();
    this.expectWord('done');
    return body;
  }

  private simple(): ShellNode {
    const assigns: [string, Word][] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.tokens[this.i];
      if (t?.t === 'redir') {
        redirects.push(this.redirect());
      } else if (t?.t === 'word') {
        this.i++;
        const first = t.word[0];
        const m = words.length === 0 && first?.kind === 'lit' && !first.quoted ? ASSIGNMENT.exec(first.text) : null;
        if (m && first.kind === 'lit') assigns.push([m[1], [{ ...first, text: first.text.slice(m[0].length) }, ...t.word.slice(1)] as Word]);
        else words.push(t.word);
      } else break;
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) {
      throw new ShellSyntaxError(`syntax error: unexpected "${this.describe()}"`);
    }
    return { t: 'simple', assigns, words, redirects };
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    while (this.tokens[this.i]?.t === 'redir') out.push(this.redirect());
    return out;
  }

  private redirect(): Redirect {
    const r = this.tokens[this.i++] as Extract<Token, { t: 'redir' }>;
    const target = this.tokens[this.i++];
    if (target?.t !== 'word') throw new ShellSyntaxError(`syntax error: unexpected "${this.describe()}"`);
    return { fd: r.fd, op: r.op, target: target.word };
  }
}
