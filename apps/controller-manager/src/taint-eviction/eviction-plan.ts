import type { Pod, Taint } from '@kubesim/api';
import { toleratesTaint } from '@kubesim/scheduling';

/** What the taint-eviction controller does with one pod on one node (semantics §9.3). */
export type EvictionPlan =
  /** No NoExecute taint, or the pod tolerates them all forever (DaemonSet pods). */
  | { kind: 'Keep' }
  /** A NoExecute taint the pod does not tolerate: delete at once. */
  | { kind: 'EvictNow' }
  /** Delete at `at` (wall-clock ms): the taint's time plus the smallest matching tolerationSeconds. */
  | { kind: 'EvictAt'; at: number; tolerationSeconds: number };

/**
 * The plan for a pod given its node's taints (pure). Like upstream `getMinTolerationTime`, the
 * smallest `tolerationSeconds` over every toleration matching a NoExecute taint wins; a
 * matching toleration without seconds tolerates forever, one with seconds ≤ 0 means now.
 * Time counts from the taint's `timeAdded` (else `firstSeen`) and is multiplied by the time scale.
 */
export function evictionPlan(pod: Pod, taints: readonly Taint[] | undefined, firstSeen: number, timeScale: number): EvictionPlan {
  const noExecute = (taints ?? []).filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return { kind: 'Keep' };
  const tolerations = pod.spec.tolerations ?? [];
  let min = Infinity;
  let since = -Infinity;
  for (const taint of noExecute) {
    const matching = tolerations.filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return { kind: 'EvictNow' };
    for (const t of matching) if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) min = Math.min(min, t.tolerationSeconds);
    const added = taint.timeAdded ? Date.parse(taint.timeAdded) : NaN;
    since = Math.max(since, Number.isNaN(added) ? firstSeen : added);
  }
  if (min === Infinity) return { kind: 'Keep' };
  if (min <= 0) return { kind: 'EvictNow' };
  return { kind: 'EvictAt', at: since + min * 1000 * timeScale, tolerationSeconds: min };
}

/** Pods the controller should consider: bound to the node, not finished, not already being deleted. */
export const evictable = (pod: Pod, node: string) =>
  pod.spec.nodeName === node && !pod.metadata.deletionTimestamp && pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed';
