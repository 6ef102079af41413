import type { ContainerStatus } from '@kubesim/api';
import { advanceRunning, startContainer, type LifecycleContext } from './container-lifecycle';
import type { ContainerRuntime } from './container-runtime';

/**
 * A container the runtime kept while the kubelet was away (`kubesim node stop` then `start`, a
 * kubelet crash): containerd's containers outlive the kubelet, so the restarted kubelet finds it
 * and reports it as it is — same container ID, same startedAt, same restart count, no events. In
 * the simulation its process is run again from its startedAt up to `now` with nothing recorded
 * (a program's own output and files come back as it wrote them; a `kubectl exec` session's
 * writes do not); anything that happened meanwhile — it exited, a probe failed — is then what
 * the kubelet finds.
 *
 * Running containers are adopted, and terminated ones that will not run again; a waiting one
 * (a pull, a back-off) simply starts over, keeping its restart count.
 */
export function adoptContainer(c: ContainerRuntime, status: ContainerStatus | undefined, now: number, ctx: LifecycleContext): void {
  if (!status) return;
  const silent: LifecycleContext = { ...ctx, events: [], wake: [] };
  const run = status.state.running;
  const done = status.state.terminated;
  if (run) {
    const startedAt = Math.min(Date.parse(run.startedAt), now);
    startContainer(c, startedAt, silent);
    if (c.phase.kind !== 'running') return;
    // Its postStart hook ran when it first started.
    c.phase.postStart = undefined;
    advanceRunning(c, now, silent);
    return;
  }
  if (done && (!ctx.restartable(c, done.exitCode) || (c.init && !c.sidecar && done.exitCode === 0))) {
    const startedAt = Date.parse(done.startedAt ?? done.finishedAt ?? '') || now;
    const finishedAt = Date.parse(done.finishedAt ?? '') || now;
    c.phase = { kind: 'exited', startedAt, finishedAt, exitCode: done.exitCode, oomKilled: done.reason === 'OOMKilled', final: true };
  }
}
