import { DISRUPTION_BUDGET_CAUSE, isEmptySelector, rfc3339, withDisruptionAllowedCondition, type Pod, type PodDisruptionBudget, type Status, type StatusCause } from '@kubesim/api';
import { selectorMatches } from '@kubesim/core';
import { failure } from './status';

/** MaxDisruptedPodSize: evictions granted but not yet seen by the disruption controller. */
export const MAX_DISRUPTED_POD_SIZE = 2000;
export const VIOLATES_BUDGET = "Cannot evict pod as it would violate the pod's disruption budget.";
export const MORE_THAN_ONE_BUDGET = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

/**
 * What the eviction subresource does about budgets (eviction.go), decided from the pod and the
 * namespace's budgets:
 * - `delete`: no budget to consult (a finished, pending or deleting pod, no matching budget, or an
 *   unready pod the budget lets go without counting it);
 * - `decrement`: write `status` to the budget (one disruption fewer, the pod in disruptedPods), then delete;
 * - `refuse`: answer `status` (429 TooManyRequests, 403, or 500 for several budgets).
 */
export type EvictionDecision =
  | { type: 'delete'; why: 'ignores-budgets' | 'no-budget' | 'unhealthy-pod' }
  | { type: 'decrement'; pdb: PodDisruptionBudget; status: PodDisruptionBudget['status'] }
  | { type: 'refuse'; status: Status };

const isReady = (p: Pod) => Boolean(p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));

/** canIgnorePDB: a pod that has finished, never ran, or is already going has disrupted nothing more. */
const canIgnoreBudgets = (p: Pod) => p.status.phase === 'Succeeded' || p.status.phase === 'Failed' || p.status.phase === 'Pending' || Boolean(p.metadata.deletionTimestamp);

const budgetCause = (message: string) => ({ reason: DISRUPTION_BUDGET_CAUSE, message }) as StatusCause;

/** errors.NewTooManyRequests with the DisruptionBudget cause; retryAfterSeconds 0 is omitted, as Go's omitempty does. */
function tooManyRequests(cause: string, retryAfterSeconds: number): Status {
  return failure(429, 'TooManyRequests', VIOLATES_BUDGET, { causes: [budgetCause(cause)], ...(retryAfterSeconds ? { retryAfterSeconds } : {}) });
}

const forbiddenBudget = (name: string, why: string) => failure(403, 'Forbidden', `poddisruptionbudgets.policy "${name}" is forbidden: ${why}`, { name, group: 'policy', kind: 'poddisruptionbudgets' });

/** The budgets that cover `pod` (getPodDisruptionBudgets). */
export const budgetsOf = (pod: Pod, pdbs: readonly PodDisruptionBudget[]) =>
  pdbs.filter((b) => b.metadata.namespace === pod.metadata.namespace && !isEmptySelector(b.spec.selector) && selectorMatches(b.spec.selector ?? undefined, pod.metadata.labels));

/** checkAndDecrement: refuse, or the budget's status with this eviction counted. */
export function checkAndDecrement(pdb: PodDisruptionBudget, podName: string, now: number): EvictionDecision {
  const s = pdb.status;
  const name = pdb.metadata.name;
  if ((s.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) return { type: 'refuse', status: tooManyRequests(`The disruption budget ${name} is still being processed by the server.`, 10) };
  if (s.disruptionsAllowed < 0) return { type: 'refuse', status: forbiddenBudget(name, 'pdb disruptions allowed is negative') };
  if (Object.keys(s.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) return { type: 'refuse', status: forbiddenBudget(name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller') };
  if (s.disruptionsAllowed === 0) return { type: 'refuse', status: tooManyRequests(`The disruption budget ${name} needs ${s.desiredHealthy} healthy pods and has ${s.currentHealthy} currently`, 0) };
  const decremented = { ...s, disruptionsAllowed: s.disruptionsAllowed - 1 };
  const withCondition = decremented.disruptionsAllowed === 0 ? withDisruptionAllowedCondition(decremented, rfc3339(now)) : decremented;
  return { type: 'decrement', pdb, status: { ...withCondition, disruptedPods: { ...s.disruptedPods, [podName]: rfc3339(now) } } };
}

/** The eviction of `pod` against the budgets of its namespace. */
export function decideEviction(pod: Pod, pdbs: readonly PodDisruptionBudget[], now: number): EvictionDecision {
  if (canIgnoreBudgets(pod)) return { type: 'delete', why: 'ignores-budgets' };
  const mine = budgetsOf(pod, pdbs);
  if (mine.length > 1) {
    const { reason: _none, ...status } = failure(500, '', MORE_THAN_ONE_BUDGET);
    return { type: 'refuse', status: status as Status };
  }
  if (mine.length === 0) return { type: 'delete', why: 'no-budget' };
  const pdb = mine[0];
  if (!isReady(pod)) {
    if (pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow') return { type: 'delete', why: 'unhealthy-pod' };
    if (pdb.status.currentHealthy >= pdb.status.desiredHealthy && pdb.status.desiredHealthy > 0) return { type: 'delete', why: 'unhealthy-pod' };
  }
  return checkAndDecrement(pdb, pod.metadata.name, now);
}
