import type { Handler } from './probe-handler';
import { scaledMs } from './timestamps';

export type ProbeType = 'Liveness' | 'Readiness' | 'Startup';

/** core/v1 Probe. */
export interface Probe extends Handler {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

/** Kubernetes' defaults (semantics §6.1). */
export const PROBE_DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 } as const;

export interface ProbeTiming {
  readonly initialDelayMs: number;
  readonly periodMs: number;
  readonly timeoutMs: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
}

export function probeTiming(p: Probe, timeScale: number): ProbeTiming {
  const d = { ...PROBE_DEFAULTS, ...p };
  return {
    initialDelayMs: scaledMs(d.initialDelaySeconds, timeScale),
    periodMs: Math.max(1, scaledMs(d.periodSeconds, timeScale)),
    timeoutMs: Math.max(1, scaledMs(d.timeoutSeconds, timeScale)),
    successThreshold: d.successThreshold,
    failureThreshold: d.failureThreshold,
  };
}

/**
 * One probe's counters (prober worker.go): a result flips only after `successThreshold`
 * consecutive successes or `failureThreshold` consecutive failures.
 */
export interface ProbeCounter {
  /** Initial results: readiness Failure, liveness Success, startup Unknown. */
  result: 'success' | 'failure' | 'unknown';
  successes: number;
  failures: number;
}

export const initialCounter = (type: ProbeType): ProbeCounter => ({
  result: type === 'Readiness' ? 'failure' : type === 'Liveness' ? 'success' : 'unknown',
  successes: 0,
  failures: 0,
});

/** Records one probe outcome; returns the counter with its (possibly flipped) result. */
export function recordOutcome(c: ProbeCounter, ok: boolean, t: Pick<ProbeTiming, 'successThreshold' | 'failureThreshold'>): ProbeCounter {
  const successes = ok ? c.successes + 1 : 0;
  const failures = ok ? 0 : c.failures + 1;
  let result = c.result;
  if (ok && successes >= t.successThreshold) result = 'success';
  if (!ok && failures >= t.failureThreshold) result = 'failure';
  return { result, successes, failures };
}
