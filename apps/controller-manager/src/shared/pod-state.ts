import type { OwnerReference, Pod } from '@kubesim/api';

/** IsPodActive: not finished and not being deleted (what a ReplicaSet counts). */
export const isActive = (p: Pod) => p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed' && !p.metadata.deletionTimestamp;

export const isReady = (p: Pod) => Boolean(p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));

/** Ready for at least `minReadySeconds` (scaled) at `now`. */
export function isAvailable(p: Pod, minReadySeconds: number, now: number, timeScale: number): boolean {
  const ready = p.status.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  if (!ready) return false;
  return minReadySeconds <= 0 || (ready.lastTransitionTime !== null && now - Date.parse(ready.lastTransitionTime) >= minReadySeconds * 1000 * timeScale);
}

/** The controlling owner; none for an object whose ownerReferences are not a list (a malformed object in the log is nobody's). */
export const controllerOf = (o: { metadata: { ownerReferences?: OwnerReference[] } }) => (Array.isArray(o.metadata.ownerReferences) ? o.metadata.ownerReferences.find((r) => r?.controller) : undefined);

export const restarts = (p: Pod) => (p.status.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);

const phaseRank = (p: Pod) => (p.status.phase === 'Pending' ? 0 : p.status.phase === 'Unknown' ? 1 : 2);

/**
 * The order in which a ReplicaSet deletes surplus pods (controller.ActivePods, semantics §11.1):
 * unscheduled, then pending, then not ready, then more restarts, then the newest.
 */
export function deletionOrder(a: Pod, b: Pod): number {
  return (
    Number(Boolean(a.spec.nodeName)) - Number(Boolean(b.spec.nodeName)) ||
    phaseRank(a) - phaseRank(b) ||
    Number(isReady(a)) - Number(isReady(b)) ||
    restarts(b) - restarts(a) ||
    Date.parse(b.metadata.creationTimestamp) - Date.parse(a.metadata.creationTimestamp)
  );
}
