import type { Container } from '@kubesim/api';
import {
  initialCounter,
  probeTiming,
  recordOutcome,
  startHandler,
  type ContainerEnv,
  type Probe,
  type ProbeCounter,
  type ProbeTiming,
  type ProbeType,
  type Process,
} from '@kubesim/runtime';
import { warning, type KubeletEvent } from './kubelet-event';

interface ProbeWorker {
  readonly type: ProbeType;
  readonly probe: Probe;
  readonly timing: ProbeTiming;
  counter: ProbeCounter;
  nextAt: number;
}

/** The prober's view of one container instance (prober_manager + one worker per probe). */
export interface Prober {
  readonly workers: ProbeWorker[];
  started: boolean;
  ready: boolean;
}

const FIELDS: Record<ProbeType, string> = { Startup: 'startupProbe', Liveness: 'livenessProbe', Readiness: 'readinessProbe' };

/** Probe workers for a container that just started; the first tick comes after `initialDelaySeconds`. */
export function newProber(spec: Container, startedAt: number, timeScale: number): Prober {
  const workers: ProbeWorker[] = [];
  for (const type of ['Startup', 'Liveness', 'Readiness'] as const) {
    const probe = spec[FIELDS[type]] as Probe | undefined;
    if (!probe) continue;
    const timing = probeTiming(probe, timeScale);
    workers.push({ type, probe, timing, counter: initialCounter(type), nextAt: startedAt + Math.max(timing.initialDelayMs, 1) });
  }
  const hasStartup = workers.some((w) => w.type === 'Startup');
  const hasReadiness = workers.some((w) => w.type === 'Readiness');
  return { workers, started: !hasStartup, ready: !hasStartup && !hasReadiness };
}

export type ProbeVerdict = { kill?: { type: 'Liveness' | 'Startup'; at: number; probe: Probe } };

/**
 * Runs every probe tick due by `now`, in time order. Before each tick the container's process
 * runs up to just before it, so a probe sees what the program did until then. Startup gates
 * the others; failures record `Unhealthy`; a liveness or startup verdict of failure asks for a kill.
 */
export function runProbes(p: Prober, proc: Process, env: ContainerEnv, spec: Container, now: number, events: KubeletEvent[], fieldPath: string): ProbeVerdict {
  const named = Object.fromEntries((spec.ports ?? []).filter((x) => x.name).map((x) => [x.name!, x.containerPort]));
  for (;;) {
    const w = p.workers.reduce<ProbeWorker | undefined>((a, b) => (!a || b.nextAt < a.nextAt ? b : a), undefined);
    if (!w || w.nextAt > now) return {};
    const at = w.nextAt;
    w.nextAt += w.timing.periodMs;
    if (w.type !== 'Startup' && !p.started) continue;
    if (w.type === 'Startup' && p.started) continue;
    proc.advance(at - 1);
    if (proc.exit) return {};
    const run = startHandler(w.probe, env, at, named);
    run.proc.advance(at + w.timing.timeoutMs);
    const ok = run.proc.exit?.code === 0;
    if (!ok) {
      const output = run.proc.exit ? run.output() : `command ${JSON.stringify((w.probe.exec?.command ?? []).join(' '))} timed out`;
      events.push(warning('Unhealthy', `${w.type} probe failed: ${output}`, fieldPath));
    }
    w.counter = recordOutcome(w.counter, ok, w.timing);
    if (w.type === 'Startup' && w.counter.result === 'success') {
      p.started = true;
      p.ready = !p.workers.some((x) => x.type === 'Readiness');
    }
    if (w.type === 'Readiness') p.ready = w.counter.result === 'success';
    if ((w.type === 'Liveness' || w.type === 'Startup') && w.counter.result === 'failure') return { kill: { type: w.type, at, probe: w.probe } };
  }
}

/** When the next probe tick is due. */
export function nextProbeAt(p: Prober): number | undefined {
  const relevant = p.workers.filter((w) => (p.started ? w.type !== 'Startup' : w.type === 'Startup'));
  return relevant.length ? Math.min(...relevant.map((w) => w.nextAt)) : undefined;
}
