import { interactiveShell, shellFlavour } from './interactive-shell';
import { FunctionReturn, Shell as ShellClass, type Shell } from './shell';
import { testExpression } from './applets/test.applet';
import { ShellExit, NOT_FOUND_STATUS, type Gen, type Stdio } from './process-types';
import { normalize } from './filesystem';
import { findApplet } from './applets';

/** Shell builtins: they change the shell itself, so they are not applets. */
const BUILTINS: Record<string, (sh: Shell, args: string[], io: Stdio) => Gen> = {
  *':'() {
    return 0;
  },
  *exit(sh, args, io) {
    if (args.length === 0) throw new ShellExit(sh.status);
    // ash accepts digits only (`exit -1` is an error, unlike bash); the status is taken mod 256.
    if (/^\d+$/.test(args[0])) throw new ShellExit(Number(args[0]) % 256);
    io.stderr(`${sh.name}: exit: Illegal number: ${args[0]}\n`);
    throw new ShellExit(2);
  },
  *cd(sh, args, io) {
    const dir = normalize(args[0] ?? '/root', sh.cwd);
    if (!sh.proc.env.fs.isDir(dir)) {
      io.stderr(`${sh.name}: cd: can't cd to ${args[0]}: No such file or directory\n`);
      return 2;
    }
    sh.cwd = dir;
    return 0;
  },
  *pwd(sh, _args, io) {
    io.stdout(sh.cwd + '\n');
    return 0;
  },
  *export(sh, args) {
    for (const a of args) {
      const i = a.indexOf('=');
      if (i > 0) sh.vars.set(a.slice(0, i), a.slice(i + 1));
    }
    return 0;
  },
  *unset(sh, args) {
    for (const a of args) sh.vars.delete(a);
    return 0;
  },
  *set(sh, args) {
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') return (sh.args = args.slice(i + 1)), 0;
      if (/^[-+][a-z]+$/.test(a) && a.includes('e')) sh.errexit = a.startsWith('-');
      else if (a === '-o' || a === '+o') i++;
    }
    return 0;
  },
  *shift(sh, args) {
    const n = Number(args[0] ?? 1);
    if (n > sh.args.length) return 1;
    sh.args = sh.args.slice(n);
    return 0;
  },
  *return(sh, args) {
    throw new FunctionReturn(args.length ? Number(args[0]) % 256 : sh.status);
  },
  *local(sh, args) {
    const frame = sh.locals[sh.locals.length - 1];
    for (const a of args) {
      const i = a.indexOf('=');
      const name = i > 0 ? a.slice(0, i) : a;
      if (frame && !frame.has(name)) frame.set(name, sh.vars.get(name));
      sh.vars.set(name, i > 0 ? a.slice(i + 1) : (sh.vars.get(name) ?? ''));
    }
    return 0;
  },
  *'[['(sh, args, io) {
    if (args[args.length - 1] !== ']]') {
      io.stderr(`${sh.name}: syntax error: unexpected end of file (expecting "]]")\n`);
      return 2;
    }
    const expr = args.slice(0, -1).map((a) => (a === '==' ? '=' : a));
    const r = testExpression(expr, sh.proc.env.fs, sh.cwd);
    if (typeof r === 'string') {
      io.stderr(`${sh.name}: [[: ${r}\n`);
      return 2;
    }
    return r ? 0 : 1;
  },
  *type(sh, args, io) {
    let status = 0;
    for (const a of args) {
      if (sh.functions.has(a)) io.stdout(`${a} is a function\n`);
      else if (Object.hasOwn(BUILTINS, a)) io.stdout(`${a} is a shell builtin\n`);
      else if (findApplet(a, sh.proc.env.image)) io.stdout(`${a} is /bin/${a}\n`);
      else (io.stderr(`${sh.name}: type: ${a}: not found\n`), (status = 1));
    }
    return status;
  },
  *trap(sh, args, io) {
    if (args.length === 0) {
      for (const [sig, action] of sh.proc.traps) io.stdout(`trap -- '${action}' ${sig}\n`);
      return 0;
    }
    const [action, ...signals] = args;
    for (const s of signals) {
      const sig = signalName(s);
      if (sig === undefined) {
        io.stderr(`${sh.name}: trap: ${s}: bad trap\n`);
        return 1;
      }
      if (action === '-') sh.proc.traps.delete(sig);
      else sh.proc.traps.set(sig, action);
    }
    return 0;
  },
  *wait(sh) {
    // Signals caught by a trap interrupt `wait` (POSIX), so `sleep 3600 & wait` handles TERM at once.
    while (sh.proc.hasBackgroundJobs() && sh.proc.pendingSignals.length === 0) yield { until: Infinity, interruptible: true };
    return sh.proc.pendingSignals.length > 0 ? 128 + 15 : 0;
  },
  *eval(sh, args, io) {
    return yield* sh.eval(args.join(' '), io);
  },
  *break(sh, args) {
    return sh.breakLoop('break', Number(args[0] ?? 1));
  },
  *continue(sh, args) {
    return sh.breakLoop('continue', Number(args[0] ?? 1));
  },
  *read(sh, args, io) {
    if (io.input) {
      const typed = yield* io.input.read();
      if (args[0]) sh.vars.set(args[0], (typed ?? '').replace(/\n$/, ''));
      return typed === null ? 1 : 0;
    }
    const [line] = io.stdin.split('\n');
    if (args[0]) sh.vars.set(args[0], line ?? '');
    return io.stdin === '' ? 1 : 0;
  },
};

const SIGNALS: Record<string, string> = { '0': 'EXIT', '1': 'HUP', '2': 'INT', '15': 'TERM', '9': 'KILL' };

export function signalName(s: string): string | undefined {
  const name = s.toUpperCase().replace(/^SIG/, '');
  if (SIGNALS[name]) return SIGNALS[name];
  return ['EXIT', 'HUP', 'INT', 'TERM', 'QUIT', 'USR1', 'USR2', 'KILL'].includes(name) ? name : undefined;
}

/** Runs one simple command: builtin, applet of the image, or `not found` (127). */
export function* runCommand(sh: Shell, argv: string[], io: Stdio, exec: boolean): Gen {
  const [command, ...args] = argv;
  if (command === 'exec') {
    if (args.length === 0) return 0;
    return yield* runCommand(sh, args, io, sh.options.pid1 === true);
  }
  const fn = sh.functions.get(command);
  if (fn) return yield* sh.callFunction(fn, args, io);
  const builtin = Object.hasOwn(BUILTINS, command) ? BUILTINS[command] : undefined;
  if (builtin) return yield* builtin(sh, args, io);
  if (command === 'sh' || command.endsWith('/sh') || command === 'ash' || command === 'bash') {
    return yield* nestedShell(sh, command, args, io);
  }
  const applet = findApplet(command, sh.proc.env.image);
  if (!applet) {
    io.stderr(`${sh.name}: ${command}: not found\n`);
    return NOT_FOUND_STATUS;
  }
  if (exec) sh.proc.execed(argv);
  return yield* applet({ name: command, args, io, proc: sh.proc, cwd: sh.cwd, pid1: exec });
}

function* nestedShell(sh: Shell, command: string, args: string[], io: Stdio): Gen {
  const c = args.indexOf('-c');
  if (c < 0 && io.input?.tty) {
    // `sh` typed at the prompt: a nested interactive shell, until its `exit`.
    const child = new ShellClass(sh.proc, { name: command }, new Map(sh.vars));
    child.cwd = sh.cwd;
    return yield* interactiveShell(child, io.input, io, shellFlavour(command, sh.proc.env));
  }
  if (c < 0) return 0; // no script, no tty: reads an empty stdin and exits
  const child = new ShellClass(sh.proc, { name: args[c + 2] ?? command, args: args.slice(c + 3) }, new Map(sh.vars));
  child.cwd = sh.cwd;
  return yield* child.main(args[c + 1] ?? '', io);
}
