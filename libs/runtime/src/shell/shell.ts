import { expandWord, expandWords, type ExpansionScope } from './expand';
import { applyRedirects, type ResolvedRedirect } from './redirect';
import { expandGlob, globRegExp } from './glob';
import { COMMAND_CPU_MS, type Process } from './process';
import { ShellExit, type Gen, type Stdio } from './process-types';
import { ProcessNode } from './process-tree';
import type { Redirect, ShellNode, Word } from './shell-ast';
import { parseScript } from './shell-parser';
import { ShellSyntaxError } from './shell-ast';
import { runCommand } from './commands';

/** `return N` unwinds to the function call. */
export class FunctionReturn {
  constructor(readonly code: number) {}
}

class LoopControl {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

export interface ShellOptions {
  /** `$0`, the prefix of the shell's error messages (`sh`, `/bin/sh`). */
  readonly name: string;
  readonly args?: readonly string[];
  readonly errexit?: boolean;
  /** This shell is PID 1 of its container: a lone command is exec'd and signals reach it. */
  readonly pid1?: boolean;
}

/**
 * A POSIX-shell subset interpreter (busybox ash's behaviour and wording) over a Process. It only
 * yields to wait for the clock, so a script runs as fast as the simulation advances.
 */
export class Shell implements ExpansionScope {
  readonly vars: Map<string, string>;
  cwd = '/';
  status = 0;
  lastBackgroundPid = 0;
  /** `name() { … }` definitions, copied into subshells. */
  functions = new Map<string, ShellNode>();
  /** Positional parameters ($1 …): the script's, or a function's while it runs. */
  args: readonly string[];
  /** Saved values of `local` variables, one frame per running function. */
  readonly locals: Map<string, string | undefined>[] = [];
  /** `set -e`. */
  errexit: boolean;
  /** The process this shell runs as: the parent of what it starts with `&`. */
  node: ProcessNode;
  private condition = 0;
  private substituted?: number;

  constructor(
    readonly proc: Process,
    readonly options: ShellOptions,
    vars?: Map<string, string>,
  ) {
    this.vars = vars ?? new Map(Object.entries(proc.env.env));
    this.cwd = proc.env.workingDir ?? '/';
    this.args = options.args ?? [];
    this.errexit = Boolean(options.errexit);
    this.node = proc.main;
  }

  assign(name: string, value: string) {
    this.vars.set(name, value);
  }

  glob(pattern: string) {
    return expandGlob(pattern, this.proc.env.fs, this.cwd);
  }

  expansionError(message: string): never {
    this.proc.stderr(`${this.name}: ${message}\n`);
    throw new ShellExit(2);
  }

  /** Runs a function with its own positional parameters; `return` ends it. */
  *callFunction(body: ShellNode, args: readonly string[], io: Stdio): Gen {
    const saved = this.args;
    this.args = args;
    this.locals.push(new Map());
    try {
      return (this.status = yield* this.run(body, io));
    } catch (e) {
      if (e instanceof FunctionReturn) return (this.status = e.code);
      throw e;
    } finally {
      this.args = saved;
      for (const [k, v] of this.locals.pop()!) v === undefined ? this.vars.delete(k) : this.vars.set(k, v);
    }
  }

  get name() {
    return this.options.name;
  }

  /** Runs a `-c` script, then the EXIT trap. */
  *main(script: string, io: Stdio): Gen {
    let tree: ShellNode;
    try {
      tree = parseScript(script);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      io.stderr(`${this.name}: ${e.message}\n`);
      return 2;
    }
    const exec = Boolean(this.options.pid1) && tree.t === 'simple';
    let code: number;
    try {
      code = yield* this.run(tree, io, exec);
    } catch (e) {
      if (!(e instanceof ShellExit)) throw e;
      code = e.code;
    }
    return yield* this.exitTrap(code, io);
  }

  private *exitTrap(code: number, io: Stdio): Gen {
    const action = this.options.pid1 ? this.proc.traps.get('EXIT') : undefined;
    if (action === undefined) return code;
    this.proc.traps.delete('EXIT');
    this.status = code;
    try {
      yield* this.eval(action, io);
    } catch (e) {
      if (e instanceof ShellExit) return e.code;
      throw e;
    }
    return code;
  }

  lookup(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return this.options.pid1 ? '1' : '7';
      case '#':
        return String(this.args.length);
      case '!':
        return String(this.lastBackgroundPid || '');
      case '0':
        return this.name;
    }
    if (/^[1-9]$/.test(name)) return this.args[Number(name) - 1];
    return this.vars.get(name);
  }

  positional() {
    return this.args;
  }

  *substitute(source: string): Gen<string> {
    let out = '';
    const sub = this.subshell();
    const io: Stdio = { stdin: '', stdout: (t) => (out += t), stderr: this.proc.stderr };
    try {
      yield* sub.eval(source, io);
    } catch (e) {
      if (!(e instanceof ShellExit)) throw e;
      sub.status = e.code;
    }
    this.substituted = sub.status;
    return out.replace(/\n+$/, '');
  }

  /** A copy for `( … )`, `$( … )` and pipelines: changes to variables do not leak back. */
  subshell(): Shell {
    const s = new Shell(this.proc, { ...this.options, pid1: false }, new Map(this.vars));
    s.cwd = this.cwd;
    s.status = this.status;
    s.args = this.args;
    s.errexit = this.errexit;
    s.functions = new Map(this.functions);
    s.node = this.node;
    return s;
  }

  /** Parses and runs a script in this shell (`eval`, trap actions). */
  *eval(script: string, io: Stdio): Gen {
    try {
      return yield* this.run(parseScript(script), io);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      io.stderr(`${this.name}: ${e.message}\n`);
      return (this.status = 2);
    }
  }

  *run(node: ShellNode, io: Stdio, exec = false): Gen {
    switch (node.t) {
      case 'simple':
        return yield* this.simple(node, io, exec);
      case 'list': {
        for (const item of node.items) yield* this.run(item, io);
        return this.status;
      }
      case 'and':
      case 'or': {
        const left = yield* this.conditional(node.left, io);
        if ((node.t === 'and') === (left === 0)) return yield* this.run(node.right, io);
        return left;
      }
      case 'pipeline':
        return yield* this.pipeline(node.commands, node.negate, io);
      case 'background': {
        const sub = this.subshell();
        sub.node = new ProcessNode(true);
        this.lastBackgroundPid = this.proc.spawn(sub.run(node.body, io), backgroundArgv(node.body, this.proc.argv), { self: sub.node, parent: this.node });
        return (this.status = 0);
      }
      case 'case': {
        const subject = (yield* expandWord(node.word, this)).join(' ');
        for (const item of node.items) {
          for (const p of item.patterns) {
            const pattern = (yield* patternText(p, this));
            if (globMatch(pattern, subject)) return item.body ? yield* this.run(item.body, io) : (this.status = 0);
          }
        }
        return (this.status = 0);
      }
      case 'function':
        this.functions.set(node.name, node.body);
        return (this.status = 0);
      case 'group': {
        const redirected = applyRedirects(this, yield* this.resolveRedirects(node.redirects), io);
        if (typeof redirected === 'string') return this.fail(redirected, io);
        if (!node.subshell) return yield* this.run(node.body, redirected);
        // A forked shell: what it starts in the background outlives it as an orphan.
        const sub = this.subshell();
        sub.node = new ProcessNode(true);
        try {
          this.status = yield* sub.run(node.body, redirected);
        } catch (e) {
          if (!(e instanceof ShellExit)) throw e;
          this.status = e.code;
        } finally {
          this.proc.exited(sub.node);
        }
        return this.status;
      }
      case 'if': {
        for (const [cond, body] of node.clauses) {
          if ((yield* this.conditional(cond, io)) === 0) return yield* this.run(body, io);
        }
        if (node.otherwise) return yield* this.run(node.otherwise, io);
        return (this.status = 0);
      }
      case 'while':
      case 'until':
        return yield* this.loop(function* (this: Shell) {
          const c = yield* this.conditional(node.cond, io);
          return node.t === 'while' ? c === 0 : c !== 0;
        }.bind(this), node.body, io);
      case 'for': {
        const items = node.items ? yield* expandWords(node.items, this) : [...this.positional()];
        let i = 0;
        return yield* this.loop(function* (this: Shell) {
          if (i >= items.length) return false;
          this.vars.set(node.name, items[i++]);
          return true;
        }.bind(this), node.body, io);
      }
      default: {
        const _exhaustive: never = node;
        return _exhaustive;
      }
    }
  }

  private *conditional(node: ShellNode, io: Stdio): Gen {
    this.condition++;
    try {
      return yield* this.run(node, io);
    } finally {
      this.condition--;
    }
  }

  private *loop(next: () => Gen<boolean>, body: ShellNode, io: Stdio): Gen {
    let status = 0;
    while (yield* next()) {
      try {
        status = yield* this.run(body, io);
      } catch (e) {
        if (!(e instanceof LoopControl)) throw e;
        if (--e.levels > 0) throw e;
        if (e.kind === 'break') break;
      }
    }
    return (this.status = status);
  }

  private *pipeline(commands: readonly ShellNode[], negate: boolean, io: Stdio): Gen {
    let stdin = io.stdin;
    let status = 0;
    for (let i = 0; i < commands.length; i++) {
      let out = '';
      const last = i === commands.length - 1;
      const sub = commands.length > 1 ? this.subshell() : this;
      const stage: Stdio = { stdin, stdout: last ? io.stdout : (t) => (out += t), stderr: io.stderr, ...(i === 0 && io.input ? { input: io.input } : {}) };
      try {
        status = yield* sub.run(commands[i], stage);
      } catch (e) {
        if (!(e instanceof ShellExit) || sub === this) throw e;
        status = e.code;
      }
      stdin = out;
    }
    this.status = negate ? Number(status === 0) : status;
    return this.status;
  }

  private *simple(node: Extract<ShellNode, { t: 'simple' }>, io: Stdio, exec: boolean): Gen {
    yield* this.proc.burn(COMMAND_CPU_MS);
    this.substituted = undefined;
    const argv = yield* expandWords(node.words, this);
    const assigned: [string, string][] = [];
    for (const [name, word] of node.assigns) assigned.push([name, (yield* expandWord(word, this)).join(' ')]);
    if (argv.length === 0) {
      for (const [k, v] of assigned) this.vars.set(k, v);
      // An assignment-only command's status is that of its last command substitution.
      this.status = this.substituted ?? 0;
    }
    const redirected = applyRedirects(this, yield* this.resolveRedirects(node.redirects), io);
    if (typeof redirected === 'string') return this.fail(redirected, io);
    if (argv.length === 0) return this.status;
    const saved = assigned.map(([k]) => [k, this.vars.get(k)] as const);
    for (const [k, v] of assigned) this.vars.set(k, v);
    let status: number;
    try {
      status = yield* runCommand(this, argv, redirected, exec);
    } finally {
      for (const [k, v] of saved) v === undefined ? this.vars.delete(k) : this.vars.set(k, v);
    }
    this.status = status;
    yield* this.runPendingTraps(io);
    if (this.errexit && status !== 0 && this.condition === 0) throw new ShellExit(status);
    return this.status;
  }

  private *resolveRedirects(redirects: readonly Redirect[]): Gen<ResolvedRedirect[]> {
    const out: ResolvedRedirect[] = [];
    for (const r of redirects) out.push({ fd: r.fd, op: r.op, word: (yield* expandWord(r.target, this)).join(' ') });
    return out;
  }

  /** Trap actions of signals that arrived while the last command ran. */
  *runPendingTraps(io: Stdio): Gen<void> {
    if (!this.options.pid1) return;
    while (this.proc.pendingSignals.length > 0) {
      const sig = this.proc.pendingSignals.shift()!;
      const action = this.proc.traps.get(sig);
      if (action) {
        const saved = this.status;
        yield* this.eval(action, io);
        this.status = saved;
      }
    }
  }

  private fail(message: string, io: Stdio): number {
    io.stderr(`${this.name}: ${message}\n`);
    return (this.status = 1);
  }

  breakLoop(kind: 'break' | 'continue', levels: number): never {
    throw new LoopControl(kind, levels);
  }
}


/** A case pattern as text: quoted parts escaped (they match literally), expansions expanded. */
function* patternText(word: Word, sh: Shell): Gen<string> {
  let text = '';
  for (const part of word) {
    if (part.kind === 'lit') text += part.quoted ? part.text.replace(/[*?[\\]/g, '\\$&') : part.text;
    else text += (yield* expandWord([{ ...part, quoted: true }], sh)).join('');
  }
  return text;
}

function globMatch(pattern: string, text: string): boolean {
  return globRegExp(pattern).test(text);
}

/**
 * What `ps` shows for `cmd &`: a simple command forks and execs it (`sleep 100`); anything else
 * runs in a forked copy of the shell, whose command line is the shell's.
 */
function backgroundArgv(body: ShellNode, shellArgv: readonly string[]): readonly string[] {
  if (body.t !== 'simple' || !body.words.length) return shellArgv;
  const text = (w: Word) => w.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'var' ? `$${p.name}` : p.kind === 'cmd' ? `$(${p.source})` : `$((${p.source}))`)).join('');
  return body.words.map(text);
}
