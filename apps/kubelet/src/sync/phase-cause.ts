import type { ContainerStatus, PodStatus } from '@kubesim/api';

/**
 * Why a pod's status changed, in words a replay can print: the container that exited (and how),
 * or the one that started. Empty when the phase did not change.
 */
export function phaseCause(before: PodStatus, after: PodStatus): string | undefined {
  if (before.phase === after.phase) return undefined;
  const all = (s: PodStatus): ContainerStatus[] => [...(s.initContainerStatuses ?? []), ...(s.containerStatuses ?? [])];
  const old = new Map(all(before).map((c) => [c.name, c]));
  for (const c of all(after)) {
    const t = c.state.terminated;
    if (t && !old.get(c.name)?.state.terminated) return `container ${c.name} exited with code ${t.exitCode} (${t.reason ?? 'Error'})`;
  }
  for (const c of all(after)) {
    if (c.state.running && !old.get(c.name)?.state.running) return `container ${c.name} started`;
  }
  for (const c of all(after)) {
    const w = c.state.waiting;
    if (w && w.reason && w.reason !== 'ContainerCreating' && w.reason !== 'PodInitializing') return `container ${c.name} ${w.reason}`;
  }
  return after.phase === 'Succeeded' || after.phase === 'Failed' ? 'all containers terminated' : undefined;
}
