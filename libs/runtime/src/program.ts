import type { Container } from '@kubesim/api';
import type { ImageEntry } from './image-catalog';
import { UNKNOWN_IMAGE_DEFAULTS } from './image-catalog';
import { Connector, splitScript } from './shell-script';

/**
 * The v1 program model: what PID 1 of a container does, as a list of steps the simulator can
 * time. A step either finishes with a status (and maybe a log line), sleeps, exits the program,
 * or serves until the container is stopped.
 */
export type Statement =
  | { readonly kind: 'sleep'; readonly seconds: number }
  | { readonly kind: 'echo'; readonly line: string }
  | { readonly kind: 'status'; readonly code: number; readonly output?: string }
  | { readonly kind: 'exit'; readonly code?: number; readonly output?: string }
  | { readonly kind: 'serve'; readonly name: string };

export interface Step {
  readonly connector: Connector;
  readonly statement: Statement;
}

export interface Program {
  /** The command line PID 1 runs: command/args over the image's entrypoint/cmd. */
  readonly argv: readonly string[];
  readonly steps: readonly Step[];
  /** `sh -e`: a failing command that ends its `&&`/`||` list ends the script. */
  readonly errexit: boolean;
  readonly sigterm: 'exits' | 'ignored';
  /** Exit code when SIGTERM makes the program exit. */
  readonly sigtermExitCode: number;
  /** The argv was not understood; the program is modelled as running until it is stopped. */
  readonly opaque: boolean;
}

export const SHELLS = ['sh', 'ash', 'bash', 'dash'];
/** Busybox applets a container may run without a shell. */
export const APPLETS = ['sleep', 'echo', 'true', 'false'];
export const NOT_FOUND_STATUS = 127;

interface ImageFacts {
  readonly servers: readonly string[];
  readonly known: boolean;
  readonly sigterm: 'exits' | 'ignored';
  readonly sigtermExitCode: number;
}

/** Builds the program a container runs. `image` is the catalog entry, or undefined for an image kubesim does not know. */
export function buildProgram(image: ImageEntry | undefined, container: Pick<Container, 'command' | 'args'>): Program {
  const facts = imageFacts(image);
  const argv = containerArgv(image, container);
  const base = { argv, errexit: false, opaque: false, sigterm: facts.sigterm, sigtermExitCode: facts.sigtermExitCode };
  const name = basename(argv[0] ?? '');

  if (SHELLS.includes(name)) return shellProgram(argv, facts);
  if (APPLETS.includes(name)) {
    // An applet as PID 1 has no SIGTERM handler (`sleep 3600` takes the whole grace period).
    return { ...base, sigterm: 'ignored', steps: [{ connector: ';', statement: commandStatement(argv, name, facts) }] };
  }
  const serve = { connector: ';' as const, statement: { kind: 'serve' as const, name } };
  return { ...base, steps: [serve], opaque: !facts.servers.includes(name) };
}

/** Kubernetes semantics: `command` replaces the entrypoint (and drops the image cmd); `args` replaces cmd. */
export function containerArgv(image: ImageEntry | undefined, c: Pick<Container, 'command' | 'args'>): string[] {
  if (c.command && c.command.length > 0) return [...c.command, ...(c.args ?? [])];
  const args = c.args && c.args.length > 0 ? c.args : (image?.cmd ?? []);
  return [...(image?.entrypoint ?? []), ...args];
}

function shellProgram(argv: readonly string[], facts: ImageFacts): Program {
  let i = 1;
  let flags = '';
  for (; i < argv.length && /^-[a-z]+$/.test(argv[i]); i++) flags += argv[i].slice(1);
  const errexit = flags.includes('e');
  const base = { argv, errexit, opaque: false, sigterm: 'ignored' as const, sigtermExitCode: facts.sigtermExitCode };

  if (!flags.includes('c')) {
    // With no script and no tty, a shell reads an empty stdin and exits 0; a script file is not modelled.
    if (i < argv.length) return { ...base, opaque: true, steps: [{ connector: ';', statement: { kind: 'serve', name: argv[i] } }] };
    return { ...base, steps: [] };
  }
  const script = argv[i];
  // Busybox prefixes its errors with $0: argv[0] as typed, or the first argument after the script.
  const shellName = argv[i + 1] ?? argv[0];
  if (script === undefined) {
    return { ...base, steps: [{ connector: ';', statement: { kind: 'exit', code: 2, output: `${shellName}: -c requires an argument` } }] };
  }
  const steps = splitScript(script).map(({ connector, words }) => ({
    connector,
    statement: commandStatement(words, shellName, facts),
  }));
  // A shell runs a lone command in place (exec), so that command's own SIGTERM handling applies.
  const lone = steps.length === 1 && steps[0].statement.kind === 'serve';
  return { ...base, steps, sigterm: lone ? facts.sigterm : 'ignored' };
}

/** One simple command of a script (or a whole applet argv) as a statement. */
function commandStatement(words: readonly string[], shellName: string, facts: ImageFacts): Statement {
  const [command, ...args] = words;
  const name = basename(command);
  switch (name) {
    case 'sleep':
      return sleepStatement(args);
    case 'echo':
      return { kind: 'echo', line: args.filter((a, i) => !(i === 0 && /^-[neE]+$/.test(a))).join(' ') };
    case 'true':
    case ':':
      return { kind: 'status', code: 0 };
    case 'false':
      return { kind: 'status', code: 1 };
    case 'exit':
      if (args.length === 0) return { kind: 'exit' };
      // ash accepts digits only (`exit -1` is an error, unlike bash); the status is taken mod 256.
      if (/^\d+$/.test(args[0])) return { kind: 'exit', code: Number(args[0]) % 256 };
      return { kind: 'exit', code: 2, output: `${shellName}: exit: Illegal number: ${args[0]}` };
  }
  // Inside an image kubesim does not know, any program may exist: assume it is the app and runs.
  if (facts.servers.includes(name) || !facts.known) return { kind: 'serve', name };
  return { kind: 'status', code: NOT_FOUND_STATUS, output: `${shellName}: ${command}: not found` };
}

const SLEEP_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Busybox `sleep`: fractional numbers, `s/m/h/d` suffixes, `infinity`; several arguments add up. */
function sleepStatement(args: readonly string[]): Statement {
  if (args.length === 0) return { kind: 'status', code: 1, output: 'sleep: missing operand' };
  let seconds = 0;
  for (const arg of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (/^inf(inity)?$/.test(arg)) seconds = Infinity;
    else if (m) seconds += Number(m[1]) * SLEEP_UNITS[m[2]];
    else return { kind: 'status', code: 1, output: `sleep: invalid number '${arg}'` };
  }
  return { kind: 'sleep', seconds };
}

function imageFacts(image: ImageEntry | undefined): ImageFacts {
  const sigterm = (image?.sigterm ?? UNKNOWN_IMAGE_DEFAULTS.sigterm) === 'exits' ? 'exits' : 'ignored';
  const sigtermExitCode = image ? (image.sigtermExitCode ?? 0) : UNKNOWN_IMAGE_DEFAULTS.sigtermExitCode;
  return { servers: image?.servers ?? [], known: image !== undefined, sigterm, sigtermExitCode };
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
