import type { Node, Pod } from '@kubesim/api';

/** kube-controller-manager's PodGC waits this long before deleting the pods of a vanished node. */
export const POD_GC_QUARANTINE_SECONDS = 40;

/**
 * PodGC's orphan pass (pure): pods bound to a node that no longer exists, once they have been
 * seen orphaned for the quarantine. `firstSeen` remembers when each was first seen orphaned (it is
 * updated in place; pods no longer orphaned are forgotten).
 */
export function orphanedPods(pods: Iterable<Pod>, nodes: Iterable<Node>, firstSeen: Map<string, number>, now: number, quarantineMs: number): Pod[] {
  const names = new Set([...nodes].map((n) => n.metadata.name));
  const due: Pod[] = [];
  const orphans = new Set<string>();
  for (const p of pods) {
    if (!p.spec.nodeName || names.has(p.spec.nodeName)) continue;
    orphans.add(p.metadata.uid);
    const since = firstSeen.get(p.metadata.uid) ?? now;
    firstSeen.set(p.metadata.uid, since);
    if (now - since >= quarantineMs) due.push(p);
  }
  for (const uid of [...firstSeen.keys()]) if (!orphans.has(uid)) firstSeen.delete(uid);
  return due;
}
