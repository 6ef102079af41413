import type { Program } from './program';
import { scaledMs } from './timestamps';

export interface LogLine {
  readonly at: number;
  readonly line: string;
}

export interface ProgramRun {
  /** When PID 1 exits on its own, or null if it runs until it is stopped. */
  readonly exitAt: number | null;
  /** Meaningful only when `exitAt` is set (0 otherwise). */
  readonly exitCode: number;
  readonly logs: readonly LogLine[];
}

/**
 * Runs a program on the simulated clock: deterministic, so the kubelet can compute at start
 * when the container will exit and what it will log. `sleep N` takes N × timeScale seconds;
 * everything else takes no time.
 */
export function simulateProgram(program: Program, startedAt: number, timeScale: number): ProgramRun {
  const logs: LogLine[] = [];
  let now = startedAt;
  let status = 0;
  const forever = (): ProgramRun => ({ exitAt: null, exitCode: 0, logs });

  for (let i = 0; i < program.steps.length; i++) {
    const { connector, statement } = program.steps[i];
    if ((connector === '&&' && status !== 0) || (connector === '||' && status === 0)) continue;
    switch (statement.kind) {
      case 'sleep':
        if (!Number.isFinite(statement.seconds)) return forever();
        now += scaledMs(statement.seconds, timeScale);
        status = 0;
        break;
      case 'serve':
        return forever();
      case 'echo':
        logs.push({ at: now, line: statement.line });
        status = 0;
        break;
      case 'status':
        if (statement.output !== undefined) logs.push({ at: now, line: statement.output });
        status = statement.code;
        break;
      case 'exit':
        if (statement.output !== undefined) logs.push({ at: now, line: statement.output });
        return { exitAt: now, exitCode: statement.code ?? status, logs };
      default: {
        const unreachable: never = statement;
        throw new Error(`unknown statement ${JSON.stringify(unreachable)}`);
      }
    }
    const endsList = program.steps[i + 1]?.connector !== '&&' && program.steps[i + 1]?.connector !== '||';
    if (program.errexit && status !== 0 && endsList) break;
  }
  return { exitAt: now, exitCode: status, logs };
}

export type StopSignal = 'SIGTERM';
export type SignalOutcome = 'exits' | 'ignored';

/** How PID 1 reacts to a signal: a shell without a trap ignores SIGTERM; nginx exits promptly. */
export function signalOutcome(program: Program, signal: StopSignal): SignalOutcome {
  switch (signal) {
    case 'SIGTERM':
      return program.sigterm;
  }
}

export const SIGKILL_EXIT_CODE = 137;

export interface StopResult {
  readonly exitAt: number;
  readonly exitCode: number;
  /** True when the grace period ran out and the runtime sent SIGKILL. */
  readonly killed: boolean;
}

/**
 * Stopping a running container (CRI StopContainer): SIGTERM at `signalledAt`, SIGKILL when the
 * grace period ends. A program that exits on its own first keeps its own exit. The caller applies
 * the kubelet's 2 s minimum grace; logs after `exitAt` are the caller's to drop.
 */
export function stopProgram(
  program: Program,
  run: ProgramRun,
  signalledAt: number,
  gracePeriodSeconds: number,
  timeScale: number,
): StopResult {
  if (run.exitAt !== null && run.exitAt <= signalledAt) return { exitAt: run.exitAt, exitCode: run.exitCode, killed: false };
  if (signalOutcome(program, 'SIGTERM') === 'exits') {
    return { exitAt: signalledAt, exitCode: program.sigtermExitCode, killed: false };
  }
  const killAt = signalledAt + scaledMs(gracePeriodSeconds, timeScale);
  if (run.exitAt !== null && run.exitAt < killAt) return { exitAt: run.exitAt, exitCode: run.exitCode, killed: false };
  return { exitAt: killAt, exitCode: SIGKILL_EXIT_CODE, killed: true };
}
