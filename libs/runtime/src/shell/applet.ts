import type { Process } from './process';
import type { Gen, Stdio } from './process-types';

/** What an applet (a busybox command, nginx, agnhost …) gets when it runs. */
export interface AppletContext {
  /** argv[0] as typed. */
  readonly name: string;
  readonly args: readonly string[];
  readonly io: Stdio;
  readonly proc: Process;
  /** Working directory, for relative paths. */
  readonly cwd: string;
  /** The process is PID 1 of its container (run directly, or exec'd by `sh -c`): SIGTERM reaches it. */
  readonly pid1: boolean;
}

/** One command: a generator that yields to wait and returns the exit status. */
export type Applet = (ctx: AppletContext) => Gen;

/** Writes one line to stdout/stderr. */
export const out = (ctx: AppletContext, line: string) => ctx.io.stdout(line + '\n');
export const err = (ctx: AppletContext, line: string) => ctx.io.stderr(line + '\n');
