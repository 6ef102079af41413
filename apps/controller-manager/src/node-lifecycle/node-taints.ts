import { rfc3339, type ConditionStatus, type Node, type Taint } from '@kubesim/api';

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';

export interface TaintChanges {
  add: Taint[];
  remove: { key: string; effect: Taint['effect'] }[];
}

/** The node's Ready status as the controller sees it; a node without the condition counts as Unknown. */
export function readyStatus(node: Node): ConditionStatus {
  return node.status.conditions.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
}

/**
 * The condition taints a node should carry for its Ready status (semantics §9.2, pure):
 * Unknown → `unreachable` NoExecute + NoSchedule, False → `not-ready` NoExecute + NoSchedule,
 * True → neither. The two keys are mutually exclusive: the controller swaps them.
 */
export function conditionTaintChanges(node: Node, ready: ConditionStatus, now: number): TaintChanges {
  const want = ready === 'Unknown' ? TAINT_UNREACHABLE : ready === 'False' ? TAINT_NOT_READY : undefined;
  const have = node.spec.taints ?? [];
  const out: TaintChanges = { add: [], remove: [] };
  for (const key of [TAINT_UNREACHABLE, TAINT_NOT_READY]) {
    for (const effect of ['NoExecute', 'NoSchedule'] as const) {
      const present = have.some((t) => t.key === key && t.effect === effect);
      if (key === want && !present) out.add.push(effect === 'NoExecute' ? { key, effect, timeAdded: rfc3339(now) } : { key, effect });
      if (key !== want && present) out.remove.push({ key, effect });
    }
  }
  return out;
}

/**
 * Which of `changes` apply at once and which NoExecute taint waits for the zone's rate limiter
 * (upstream processTaintBaseEviction): removals and NoSchedule taints go at once, and so does a
 * NoExecute taint that replaces the other key's (unreachable ⇄ not-ready); a new NoExecute taint waits.
 */
export function splitRateLimited(changes: TaintChanges): { now: TaintChanges; limited?: Taint } {
  const swap = changes.remove.some((t) => t.effect === 'NoExecute');
  const limited = swap ? undefined : changes.add.find((t) => t.effect === 'NoExecute');
  return { now: { add: changes.add.filter((t) => t !== limited), remove: changes.remove }, ...(limited ? { limited } : {}) };
}
