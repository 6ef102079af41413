import type { Pod } from '@kubesim/api';
import { scaledMs } from '@kubesim/runtime';
import { advanceStopping, MINIMUM_GRACE_SECONDS, stopContainer, type LifecycleContext } from './container-lifecycle';
import type { ContainerRuntime } from './container-runtime';

/** A pod's termination in progress: when it began, and the grace period (Kubernetes seconds) in force. */
export interface Termination {
  killingAt?: number;
  killGrace?: number;
}

/**
 * Graceful stop (semantics §7.3): every regular container gets preStop, SIGTERM, then SIGKILL
 * when the grace period ends; sidecars are stopped after them, in reverse order.
 */
export function terminatePod(t: Termination, all: ContainerRuntime[], pod: Pod, now: number, ctx: LifecycleContext) {
  const grace = Math.max(pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds, MINIMUM_GRACE_SECONDS);
  if (t.killingAt === undefined) {
    t.killingAt = now;
    t.killGrace = grace;
    for (const c of all) {
      const p = c.phase;
      if (p.kind === 'running' && !c.sidecar) stopContainer(c, now, grace, `Stopping container ${c.spec.name}`, true, ctx);
      else if (p.kind === 'stopping') p.final = true;
      else if (p.kind === 'exited') {
        p.final = true;
        p.backOff = undefined;
      }
    }
  } else if (grace < t.killGrace!) {
    // A second delete shortened the grace period: stop again with the shorter timeout.
    t.killGrace = grace;
    for (const c of all) {
      const p = c.phase;
      if (p.kind === 'stopping') p.killAt = Math.min(p.killAt, now + scaledMs(grace, ctx.node.timeScale));
    }
  }
  for (const c of all) if (c.phase.kind === 'stopping') advanceStopping(c, now, ctx);
  const regularRunning = all.some((c) => !c.sidecar && (c.phase.kind === 'running' || c.phase.kind === 'stopping'));
  if (regularRunning) return;
  const deadline = t.killingAt + scaledMs(t.killGrace!, ctx.node.timeScale);
  const remaining = Math.max((deadline - now) / 1000 / ctx.node.timeScale, MINIMUM_GRACE_SECONDS);
  for (const c of all.filter((x) => x.sidecar).reverse()) {
    if (c.phase.kind === 'running') stopContainer(c, now, remaining, `Stopping container ${c.spec.name}`, true, ctx);
    if (c.phase.kind === 'stopping') advanceStopping(c, now, ctx);
  }
}
