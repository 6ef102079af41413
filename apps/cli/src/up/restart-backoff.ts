/**
 * When `kubesim up` restarts a component that died on its own: a pure policy, the supervisor's
 * timer carries it out. The delay doubles with each crash in a row, like a kubelet's
 * CrashLoopBackOff, but on an operator's scale: 1 s, 2 s, 4 s … at most 30 s, and back to 1 s once a
 * process has stayed up for 60 s. Wall-clock time: the time scale is the simulated cluster's, not
 * the supervisor's.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** A process that ran at least this long before it died starts the series again. */
  resetAfterMs: number;
}

export const SUPERVISOR_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

/** What the supervisor remembers of a child between its crashes. */
export interface CrashHistory {
  /** Crashes in a row, each after less than `resetAfterMs` of running. */
  crashesInARow: number;
}

export const NO_CRASHES: CrashHistory = { crashesInARow: 0 };

/** How a child ended, as the supervisor saw it. */
export type ChildExit =
  /** `kubesim up` stopped it (Ctrl-C, `kubesim node stop|kill`): never restarted. */
  | { kind: 'deliberate' }
  /** It exited on its own or was killed by someone else. */
  | { kind: 'unexpected'; ranForMs: number };

export type RestartDecision =
  | { kind: 'leave-stopped' }
  /** This child is not restarted on its own (a kubelet: its node is lost). */
  | { kind: 'stay-down' }
  | { kind: 'restart'; delayMs: number; attempt: number; history: CrashHistory };

/** The delay before the `n`-th restart in a row (1-based). */
export function backoffDelay(policy: BackoffPolicy, n: number): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, n - 1));
}

export function decideRestart(policy: BackoffPolicy, restartable: boolean, history: CrashHistory, exit: ChildExit): RestartDecision {
  switch (exit.kind) {
    case 'deliberate':
      return { kind: 'leave-stopped' };
    case 'unexpected': {
      if (!restartable) return { kind: 'stay-down' };
      const attempt = exit.ranForMs >= policy.resetAfterMs ? 1 : history.crashesInARow + 1;
      return { kind: 'restart', delayMs: backoffDelay(policy, attempt), attempt, history: { crashesInARow: attempt } };
    }
    default: {
      const _exhaustive: never = exit;
      return _exhaustive;
    }
  }
}
