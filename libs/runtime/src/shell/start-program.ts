import type { Container } from '@kubesim/api';
import type { ImageEntry } from '../image-catalog';
import { findApplet } from './applets';
import { Process, type OutputListener } from './process';
import type { ContainerEnv, Gen, Input, Stdio } from './process-types';
import { interactiveShell, shellFlavour } from './interactive-shell';
import { readAll } from './terminal';
import { Shell } from './shell';

export const SHELLS = ['sh', 'ash', 'bash', 'dash'];
/** containerd's exit code when the process cannot be started at all. */
export const START_ERROR_EXIT_CODE = 128;

/** Kubernetes semantics: `command` replaces the entrypoint (and drops the image cmd); `args` replaces cmd. */
export function containerArgv(image: ImageEntry | undefined, c: Pick<Container, 'command' | 'args'>): string[] {
  if (c.command && c.command.length > 0) return [...c.command, ...(c.args ?? [])];
  const args = c.args && c.args.length > 0 ? c.args : (image?.cmd ?? []);
  return [...(image?.entrypoint ?? []), ...args];
}

/**
 * The kubelet's expansion of `$(VAR_NAME)` in command and args from the container's environment
 * (kubernetes/third_party/forked/golang/expansion): an unknown name stays as written, `$$(X)` is `$(X)`.
 */
export function expandContainerArgs(argv: readonly string[], env: Readonly<Record<string, string>>): string[] {
  return argv.map((a) =>
    a.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => (m === '$$' ? '$' : Object.hasOwn(env, name!) ? env[name!] : m)),
  );
}

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * Starts argv in a container: PID 1 of a new container (`pid1`), or a process `exec`'d into a
 * running one (probes, `kubesim exec`), which shares the container's filesystem and network.
 * The process has not run yet: `advance(now)` runs it.
 */
export function startProcess(
  argv: readonly string[],
  env: ContainerEnv,
  at: number,
  options: { pid1: boolean; onOutput?: OutputListener; stdin?: string; input?: Input; rawOutput?: Process['rawOutput'] },
): Process {
  const proc = new Process(env, at, options.onOutput);
  proc.argv = argv;
  proc.rawOutput = options.rawOutput;
  const io: Stdio = { stdin: options.stdin ?? '', stdout: proc.stdout, stderr: proc.stderr, ...(options.input ? { input: options.input } : {}) };
  return proc.start(mainOf(argv, proc, io, options.pid1));
}

function* mainOf(argv: readonly string[], proc: Process, io: Stdio, pid1: boolean): Gen {
  if (argv.length === 0) {
    // An image kubesim does not know, with no command: its app runs until stopped.
    const app = findApplet('app', proc.env.image);
    if (!app) return 0;
    return yield* app({ name: 'app', args: [], io, proc, cwd: proc.env.workingDir ?? '/', pid1 });
  }
  const name = basename(argv[0]);
  if (SHELLS.includes(name)) return yield* shellMain(argv, proc, io, pid1);
  const applet = findApplet(argv[0], proc.env.image);
  if (!applet) {
    io.stderr(`exec: "${argv[0]}": executable file not found in $PATH\n`);
    return START_ERROR_EXIT_CODE;
  }
  return yield* applet({ name: argv[0], args: argv.slice(1), io, proc, cwd: proc.env.workingDir ?? '/', pid1 });
}

function* shellMain(argv: readonly string[], proc: Process, io: Stdio, pid1: boolean): Gen {
  const name = basename(argv[0]);
  let i = 1;
  let flags = '';
  for (; i < argv.length && /^-[a-z]+$/.test(argv[i]); i++) flags += argv[i].slice(1);
  const errexit = flags.includes('e');
  if (!flags.includes('c')) {
    // With no script a shell runs what its stdin says (`echo ls | kubectl exec -i POD -- sh`); a script file runs from the filesystem.
    // With a terminal it is interactive: a prompt, one command line at a time (`kubectl exec -it POD -- sh`).
    if (i >= argv.length) {
      const shell = new Shell(proc, { name: argv[0], args: [], errexit, pid1 });
      if (io.input?.tty) return yield* interactiveShell(shell, io.input, io, shellFlavour(argv[0], proc.env));
      const script = io.input ? yield* readAll(io.input) : io.stdin;
      return yield* shell.main(script, { stdin: '', stdout: io.stdout, stderr: io.stderr });
    }
    const text = proc.env.fs.read(argv[i]);
    if (text === 'ENOENT' || text === 'EISDIR') {
      io.stderr(`${argv[0]}: can't open '${argv[i]}': No such file or directory\n`);
      return 127;
    }
    return yield* new Shell(proc, { name: argv[i], args: argv.slice(i + 1), errexit, pid1 }).main(text, io);
  }
  const script = argv[i];
  // Busybox prefixes its errors with $0: argv[0] as typed, or the first argument after the script.
  const $0 = argv[i + 1] ?? argv[0];
  if (script === undefined) {
    io.stderr(`${$0}: -c requires an argument\n`);
    return 2;
  }
  return yield* new Shell(proc, { name: $0, args: argv.slice(i + 2), errexit, pid1 }).main(script, io);
}
