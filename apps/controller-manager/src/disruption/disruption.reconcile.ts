import { DISRUPTION_ALLOWED, rfc3339, scaledValue, setStatusCondition, SYNC_FAILED, withDisruptionAllowedCondition, type Pod, type PodDisruptionBudget, type PodDisruptionBudgetStatus } from '@kubesim/api';
import { selectorMatches } from '@kubesim/core';
import { formatLabelSelector } from './selector-text';
import { expectedScale, ExpectedScaleError, type Lookup } from './expected-scale';

/** DeletionTimeout: how long a pod the Eviction API let go may take to be deleted (× time scale). */
export const DELETION_TIMEOUT_SECONDS = 120;

export interface DisruptionEvent {
  /** The budget, or one of its pods by name. */
  on: 'pdb' | { pod: string };
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface DisruptionPlan {
  /** The status to write; undefined when it is already up to date. */
  status?: PodDisruptionBudgetStatus;
  events: DisruptionEvent[];
  /** When a pod in disruptedPods is due (ms): sync again then. */
  recheckAt?: number;
}

export interface DisruptionContext {
  now: number;
  timeScale: number;
  lookup: Lookup;
}

const isReady = (p: Pod) => Boolean(p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));

/** getPodsForPdb: a nil selector selects nothing, an empty one every pod of the namespace (policy/v1). */
export const podsOf = (pdb: PodDisruptionBudget, pods: readonly Pod[]) =>
  pdb.spec.selector ? pods.filter((p) => p.metadata.namespace === pdb.metadata.namespace && selectorMatches(pdb.spec.selector ?? undefined, p.metadata.labels)) : [];

/** getExpectedPodCount: expected pods and desired healthy ones from minAvailable or maxUnavailable. */
function expectedPodCount(pdb: PodDisruptionBudget, pods: readonly Pod[], lookup: Lookup): { expectedCount: number; desiredHealthy: number; unmanagedPods: string[] } {
  const { minAvailable, maxUnavailable } = pdb.spec;
  if (maxUnavailable != null) {
    const { expectedCount, unmanagedPods } = expectedScale(pods, lookup);
    const max = scaledValue(maxUnavailable, expectedCount, true) ?? 0;
    return { expectedCount, desiredHealthy: Math.max(0, expectedCount - max), unmanagedPods };
  }
  if (typeof minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: minAvailable, unmanagedPods: [] };
  if (typeof minAvailable === 'string') {
    const { expectedCount, unmanagedPods } = expectedScale(pods, lookup);
    return { expectedCount, desiredHealthy: scaledValue(minAvailable, expectedCount, true) ?? 0, unmanagedPods };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}

/** buildDisruptedPodMap: entries still awaiting their pod's deletion; overdue ones dropped with NotDeleted. */
function disruptedPodMap(pdb: PodDisruptionBudget, pods: readonly Pod[], ctx: DisruptionContext, events: DisruptionEvent[]): { map: Record<string, string>; recheckAt?: number } {
  const map: Record<string, string> = {};
  let recheckAt: number | undefined;
  const disrupted = pdb.status.disruptedPods ?? {};
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const at = disrupted[pod.metadata.name];
    if (at === undefined) continue;
    const expectedDeletion = Date.parse(at) + DELETION_TIMEOUT_SECONDS * 1000 * ctx.timeScale;
    if (expectedDeletion < ctx.now) {
      // sic: upstream prints the namespace twice.
      events.push({ on: { pod: pod.metadata.name }, type: 'Warning', reason: 'NotDeleted', message: `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't` });
    } else {
      map[pod.metadata.name] = at;
      recheckAt = recheckAt === undefined ? expectedDeletion : Math.min(recheckAt, expectedDeletion);
    }
  }
  return { map, recheckAt };
}

/** countHealthyPods: Ready, not being deleted, not just let go by the Eviction API. */
function countHealthy(pods: readonly Pod[], disrupted: Record<string, string>, ctx: DisruptionContext): number {
  return pods.filter((p) => {
    if (p.metadata.deletionTimestamp) return false;
    const at = disrupted[p.metadata.name];
    if (at !== undefined && Date.parse(at) + DELETION_TIMEOUT_SECONDS * 1000 * ctx.timeScale > ctx.now) return false;
    return isReady(p);
  }).length;
}

/** Equal whatever the order of keys (the Eviction API writes the same status in another order). */
const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)])) : v;
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** failSafe: no disruption allowed, and the error in a SyncFailed condition. */
function failSafe(pdb: PodDisruptionBudget, message: string, now: number): PodDisruptionBudgetStatus {
  const condition = { type: DISRUPTION_ALLOWED, status: 'False', reason: SYNC_FAILED, message, observedGeneration: pdb.status.observedGeneration } as const;
  return { ...pdb.status, disruptionsAllowed: 0, conditions: setStatusCondition(pdb.status.conditions, condition, rfc3339(now)) };
}

/**
 * One sync of a budget (the disruption controller's `trySync`), pure: its pods, how many are
 * expected and must stay healthy, how many are, and so how many may be disrupted now. Events are
 * returned only with a status change, so a resync does not repeat them (decisions.md).
 */
export function reconcileDisruptionBudget(pdb: PodDisruptionBudget, allPods: readonly Pod[], ctx: DisruptionContext): DisruptionPlan {
  const events: DisruptionEvent[] = [];
  const pods = podsOf(pdb, allPods);
  if (pods.length === 0) events.push({ on: 'pdb', type: 'Normal', reason: 'NoPods', message: 'No matching pods found' });
  let counted: ReturnType<typeof expectedPodCount>;
  try {
    counted = expectedPodCount(pdb, pods, ctx.lookup);
  } catch (e) {
    if (!(e instanceof ExpectedScaleError)) throw e;
    events.push({ on: 'pdb', type: 'Warning', reason: 'CalculateExpectedPodCountFailed', message: `Failed to calculate the number of expected pods: ${e.message}` });
    const status = failSafe(pdb, e.message, ctx.now);
    return same(status, pdb.status) ? { events: [] } : { status, events };
  }
  if (counted.unmanagedPods.length > 0) {
    events.push({
      on: 'pdb',
      type: 'Warning',
      reason: 'UnmanagedPods',
      message: `Pods selected by this PodDisruptionBudget (selector: ${formatLabelSelector(pdb.spec.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
    });
  }
  const { map, recheckAt } = disruptedPodMap(pdb, pods, ctx, events);
  const currentHealthy = countHealthy(pods, map, ctx);
  // expectedCount > 0: a budget whose first pods appear before this sync stays safe meanwhile.
  const allowed = currentHealthy - counted.desiredHealthy;
  const disruptionsAllowed = counted.expectedCount <= 0 || allowed <= 0 ? 0 : allowed;
  const next: PodDisruptionBudgetStatus = withDisruptionAllowedCondition(
    {
      observedGeneration: pdb.metadata.generation,
      ...(Object.keys(map).length ? { disruptedPods: map } : {}),
      disruptionsAllowed,
      currentHealthy,
      desiredHealthy: counted.desiredHealthy,
      expectedPods: counted.expectedCount,
      conditions: pdb.status.conditions,
    },
    rfc3339(ctx.now),
  );
  const plan: DisruptionPlan = { events: [], ...(recheckAt !== undefined ? { recheckAt } : {}) };
  return same(next, pdb.status) ? plan : { ...plan, status: next, events };
}
