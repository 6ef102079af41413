import { Interrupted, ShellExit, SIGINT_EXIT_CODE, type ContainerEnv, type Gen, type Input, type Stdio } from './process-types';
import type { Shell } from './shell';
import type { ShellNode } from './shell-ast';
import { ShellSyntaxError } from './shell-ast';
import { parseScript } from './shell-parser';

/** Whose prompt: busybox ash's `\w \$ `, Debian's dash (its `sh`) `\$ `, or Debian bash's `\u@\h:\w\$ `. */
export type ShellFlavour = 'ash' | 'dash' | 'bash';

/** Which shell `name` is in an image: `sh` is dash on Debian and Ubuntu, busybox ash elsewhere. */
export function shellFlavour(name: string, env: ContainerEnv): ShellFlavour {
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (base === 'bash' || base === 'dash') return base;
  return base === 'sh' && (env.image?.os === 'debian' || env.image?.os === 'ubuntu') ? 'dash' : 'ash';
}

/** The prompt of an interactive shell in `cwd` (home shown as `~`), `#` for root and `$` for others. */
export function promptOf(sh: Shell, flavour: ShellFlavour): string {
  const user = sh.proc.env.user;
  const root = (user?.uid ?? 0) === 0;
  const home = sh.vars.get('HOME');
  const w = home && home !== '/' && (sh.cwd === home || sh.cwd.startsWith(home + '/')) ? '~' + sh.cwd.slice(home.length) : sh.cwd;
  const sign = root ? '#' : '$';
  if (flavour === 'ash') return `${w} ${sign} `;
  if (flavour === 'dash') return `${sign} `;
  const name = root ? 'root' : (user?.name ?? 'I have no name!');
  return `${name}@${sh.proc.env.pod.hostname}:${w}${sign} `;
}

/**
 * `sh` with a terminal and no script: prompt, read a line (a command that is not complete yet,
 * `if …`, reads more after `> `), run it, again; until `exit` or Ctrl-D on an empty line. Ctrl-C
 * interrupts what runs (or drops the line being typed) and comes back to the prompt, status 130.
 */
export function* interactiveShell(sh: Shell, input: Input, io: Stdio, flavour: ShellFlavour): Gen {
  const goodbye = flavour === 'bash' ? 'exit\n' : flavour === 'ash' ? '\n' : '';
  let pending = '';
  for (;;) {
    io.stdout(pending ? '> ' : promptOf(sh, flavour));
    let line: string | null;
    try {
      line = yield* input.read();
    } catch (e) {
      if (!(e instanceof Interrupted)) throw e;
      pending = '';
      sh.status = SIGINT_EXIT_CODE;
      continue;
    }
    if (line === null) {
      io.stderr(goodbye);
      return sh.status;
    }
    pending += line;
    let tree: ShellNode;
    try {
      tree = parseScript(pending);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      if (/end of file|unterminated|missing \}/.test(e.message)) continue;
      io.stderr(`${sh.name}: ${e.message}\n`);
      sh.status = 2;
      pending = '';
      continue;
    }
    pending = '';
    try {
      yield* sh.run(tree, io);
    } catch (e) {
      if (e instanceof ShellExit) {
        if (flavour === 'bash') io.stderr('exit\n');
        return e.code;
      }
      if (!(e instanceof Interrupted)) throw e;
      sh.status = SIGINT_EXIT_CODE;
    }
  }
}
