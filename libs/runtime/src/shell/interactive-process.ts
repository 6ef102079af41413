import type { Process, Stream } from './process';
import type { ContainerEnv } from './process-types';
import { startProcess } from './start-program';
import { Terminal } from './terminal';

/** A process with a stdin that arrives over time, and what it shows as it writes it. */
export interface InteractiveProcess {
  readonly proc: Process;
  readonly terminal: Terminal;
}

/**
 * Starts argv as a streaming `exec` (kubectl's `-i`, `-t`): stdin comes through `terminal.feed`
 * and `terminal.close`, and every write reaches `screen` at once (partial lines too: a prompt).
 * With a TTY there is one output stream, the terminal's (stderr shows on it, `\n` as `\r\n`).
 * `clock()` is the time data arrives at (the caller advances the process after feeding it).
 */
export function startInteractive(
  argv: readonly string[],
  env: ContainerEnv,
  at: number,
  options: { tty: boolean; pid1?: boolean; clock: () => number; screen: (stream: Stream, text: string) => void },
): InteractiveProcess {
  let proc: Process | undefined;
  const terminal = new Terminal(options.tty, {
    wake: () => proc?.wakeInput(options.clock()),
    interrupt: () => proc?.interrupt(options.clock()),
    write: (text) => options.screen('stdout', text),
  });
  proc = startProcess(argv, env, at, {
    pid1: options.pid1 ?? false,
    input: terminal,
    rawOutput: (stream, text) => options.screen(options.tty ? 'stdout' : stream, terminal.output(text)),
  });
  return { proc, terminal };
}
