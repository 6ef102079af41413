import { CONTROLLER_REVISION_HASH, type ControllerRevision, type PersistentVolumeClaim, type Pod, type StatefulSet, type StatefulSetStatus, type WrittenObject } from '@kubesim/api';
import { selectorMatches } from '@kubesim/core';
import { controllerOf, isAvailable, isReady } from '../shared/pod-state';
import { claimsFor, newPod, ordinalOf, podName, startOrdinal } from './identity';
import { revisionStep, surplusRevisions, templateOf } from './revisions';

/** What one StatefulSet sync asks of the cluster; the shell carries them out in order. */
export type StatefulSetAction =
  | { type: 'createRevision'; revision: WrittenObject }
  /** ClaimPods: a pod the selector matches and no controller owns becomes the set's (after `delete --cascade=orphan`). */
  | { type: 'adoptPod'; pod: Pod }
  /** ClaimControllerRevisions: likewise for revisions (their labels are the template's). */
  | { type: 'adoptRevision'; revision: ControllerRevision }
  | { type: 'renumberRevision'; revision: ControllerRevision; number: number }
  | { type: 'deleteRevision'; revision: ControllerRevision }
  /** The pod's claims that do not exist yet are created first; a claim being deleted blocks the pod. */
  | { type: 'createPod'; pod: WrittenObject; claims: WrittenObject[]; cause: string }
  | { type: 'deletePod'; pod: Pod; cause: string; event?: { type: 'Warning'; reason: string; message: string } }
  /** whenScaled Delete: the claim of an ordinal scaled away, once its pod is gone. */
  | { type: 'deleteClaim'; claim: PersistentVolumeClaim; cause: string }
  | { type: 'status'; status: StatefulSetStatus }
  | { type: 'event'; eventType: 'Normal' | 'Warning'; reason: string; message: string };

export interface StatefulSetDecision {
  actions: StatefulSetAction[];
  /** Sync again after this long (real ms): a pod that becomes available after minReadySeconds. */
  requeueAfterMs?: number;
}

export interface StatefulSetContext {
  now: number;
  timeScale: number;
}

/** isCreated, isTerminating, isFailed, isRunningAndReady (stateful_set_utils.go). */
const isCreated = (p: Pod) => Boolean(p.status.phase);
const isTerminating = (p: Pod) => Boolean(p.metadata.deletionTimestamp);
const isFailed = (p: Pod) => p.status.phase === 'Failed';
const isRunningAndReady = (p: Pod) => p.status.phase === 'Running' && isReady(p);
const revisionOf = (p: Pod) => p.metadata.labels?.[CONTROLLER_REVISION_HASH];

/** The ms until a ready pod has been ready for `minReadySeconds` (scaled), 0 when it is already. */
function untilAvailable(p: Pod, minReadySeconds: number, ctx: StatefulSetContext): number {
  if (minReadySeconds <= 0 || isAvailable(p, minReadySeconds, ctx.now, ctx.timeScale)) return 0;
  const since = Date.parse(p.status.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '');
  return Number.isNaN(since) ? minReadySeconds * 1000 * ctx.timeScale : Math.max(1, since + minReadySeconds * 1000 * ctx.timeScale - ctx.now);
}

/** maxUnavailable (MaxUnavailableStatefulSet): an integer or a percentage of replicas rounded down, at least 1. */
function maxUnavailableOf(set: StatefulSet): number | undefined {
  const v = set.spec.updateStrategy.type === 'RollingUpdate' ? set.spec.updateStrategy.rollingUpdate?.maxUnavailable : undefined;
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : /^\d+%$/.test(v) ? Math.floor((parseInt(v, 10) * set.spec.replicas) / 100) : parseInt(v, 10);
  return Math.max(1, Number.isNaN(n) ? 1 : n);
}

/**
 * One StatefulSet sync (pure), as upstream's updateStatefulSet: the revision history first; then
 * every ordinal in [start, start + replicas) has its pod, created in ascending order and — with
 * OrderedReady — each only once all lower ones are Running and Ready (and available); pods beyond
 * the count are deleted highest first, one at a time; a RollingUpdate replaces outdated pods with
 * ordinal ≥ partition, highest first, one at a time. A pod that still exists, even Terminating on a
 * lost node, keeps its identity: nothing is created in its name until it is gone.
 */
export function reconcileStatefulSet(set: StatefulSet, allPods: readonly Pod[], claims: readonly PersistentVolumeClaim[], revisions: readonly ControllerRevision[], ctx: StatefulSetContext): StatefulSetDecision {
  if (!set.metadata.deletionTimestamp) {
    const orphans = revisions.filter((r) => r.metadata.namespace === set.metadata.namespace && !controllerOf(r) && selectorMatches(set.spec.selector, r.metadata.labels));
    if (orphans.length) return { actions: orphans.map((revision) => ({ type: 'adoptRevision' as const, revision })) };
  }
  const step = revisionStep(set, revisions);
  if (step.type === 'create') return { actions: [{ type: 'createRevision', revision: step.revision }] };
  if (step.type === 'renumber') return { actions: [{ type: 'renumberRevision', revision: step.revision, number: step.number }] };
  const { update, current } = step;
  const updateName = update.metadata.name;
  const currentName = current.metadata.name;

  const inNamespace = allPods.filter((p) => p.metadata.namespace === set.metadata.namespace);
  if (!set.metadata.deletionTimestamp) {
    const orphans = inNamespace.filter((p) => !controllerOf(p) && !p.metadata.deletionTimestamp && selectorMatches(set.spec.selector, p.metadata.labels));
    if (orphans.length) return { actions: orphans.map((pod) => ({ type: 'adoptPod' as const, pod })) };
  }
  const pods = inNamespace.filter((p) => controllerOf(p)?.uid === set.metadata.uid);
  const start = startOrdinal(set);
  const replicaCount = set.spec.replicas;
  const minReady = set.spec.minReadySeconds ?? 0;
  const monotonic = set.spec.podManagementPolicy !== 'Parallel';
  const rolling = set.spec.updateStrategy.type === 'RollingUpdate' ? set.spec.updateStrategy : undefined;
  const partition = rolling?.rollingUpdate?.partition ?? 0;
  const maxUnavailable = maxUnavailableOf(set);

  const replicas: (Pod | undefined)[] = Array.from({ length: replicaCount }, () => undefined);
  const condemned: Pod[] = [];
  for (const p of pods) {
    const ord = ordinalOf(set, p);
    if (ord < 0) continue;
    if (ord >= start && ord < start + replicaCount) replicas[ord - start] = p;
    else condemned.push(p);
  }
  condemned.sort((a, b) => ordinalOf(set, a) - ordinalOf(set, b));

  const actions: StatefulSetAction[] = [];
  let requeueAfterMs: number | undefined;
  const later = (ms: number) => (requeueAfterMs = requeueAfterMs === undefined ? ms : Math.min(requeueAfterMs, ms));
  const status = statusOf(set, pods, currentName, updateName, ctx);
  const finish = (): StatefulSetDecision => {
    actions.push(...claimCleanup(set, pods, claims));
    actions.push(...surplusRevisions(set, revisions, new Set([currentName, updateName, ...pods.map(revisionOf).filter((r): r is string => Boolean(r))])).map((r) => ({ type: 'deleteRevision' as const, revision: r })));
    if (JSON.stringify(status) !== JSON.stringify(set.status)) actions.push({ type: 'status', status });
    return { actions, ...(requeueAfterMs !== undefined ? { requeueAfterMs } : {}) };
  };
  if (set.metadata.deletionTimestamp) return { actions: JSON.stringify(status) !== JSON.stringify(set.status) ? [{ type: 'status', status }] : [] };

  // newVersionedStatefulSetPod: below the partition a RollingUpdate keeps the current revision.
  const podFor = (index: number) => {
    const ord = start + index;
    const atCurrent = rolling !== undefined && index < partition;
    return newPod(set, atCurrent ? templateOf(current) : set.spec.template, atCurrent ? currentName : updateName, ord);
  };
  const blockedClaim = (ord: number) => claimsFor(set, ord).map((c) => claims.find((x) => x.metadata.namespace === set.metadata.namespace && x.metadata.name === c.metadata.name)).find((x) => x?.metadata.deletionTimestamp);

  // The first unhealthy pod: where an OrderedReady set waits.
  let firstUnhealthy: Pod | undefined;
  const unhealthy = (p: Pod) => !isRunningAndReady(p) || isTerminating(p);
  for (const p of [...replicas.filter((p): p is Pod => Boolean(p)), ...condemned]) {
    if (unhealthy(p)) {
      firstUnhealthy = p;
      break;
    }
  }

  for (let i = 0; i < replicaCount; i++) {
    const p = replicas[i];
    const name = podName(set, start + i);
    if (p && isFailed(p) && !isTerminating(p)) {
      actions.push({ type: 'deletePod', pod: p, cause: `${name} failed: a StatefulSet re-creates it with the same identity`, event: { type: 'Warning', reason: 'RecreatingFailedPod', message: `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating failed Pod ${name}` } });
      if (monotonic) return finish();
      continue;
    }
    if (!p) {
      const blocked = blockedClaim(start + i);
      if (blocked) actions.push({ type: 'event', eventType: 'Warning', reason: 'FailedCreate', message: `create Pod ${name} in StatefulSet ${set.metadata.name} failed error: pvc ${blocked.metadata.name} is being deleted` });
      else actions.push({ type: 'createPod', pod: podFor(i), claims: claimsFor(set, start + i).filter((c) => !claims.some((x) => x.metadata.namespace === set.metadata.namespace && x.metadata.name === c.metadata.name)), cause: `${set.metadata.name} has no pod for ordinal ${start + i}` });
      if (monotonic) return finish();
      continue;
    }
    if (!monotonic) continue;
    if (isTerminating(p) || !isRunningAndReady(p)) return finish();
    const wait = untilAvailable(p, minReady, ctx);
    if (wait > 0) {
      later(wait);
      return finish();
    }
  }

  // Scale down: the highest ordinal first; OrderedReady one at a time, only when the others are healthy.
  for (let t = condemned.length - 1; t >= 0; t--) {
    const p = condemned[t];
    if (isTerminating(p)) {
      if (monotonic) return finish();
      continue;
    }
    if (!isRunningAndReady(p) && monotonic && p !== firstUnhealthy) return finish();
    actions.push({ type: 'deletePod', pod: p, cause: `${set.metadata.name} is scaled to ${replicaCount}: ordinal ${ordinalOf(set, p)} is not wanted` });
    if (monotonic) return finish();
  }

  if (!rolling) return finish();
  // RollingUpdate: outdated pods at or above the partition, highest ordinal first.
  if (maxUnavailable === undefined) {
    for (let i = replicaCount - 1; i >= partition; i--) {
      const p = replicas[i];
      if (!p) continue;
      if (revisionOf(p) !== updateName && !isTerminating(p)) {
        actions.push({ type: 'deletePod', pod: p, cause: `${set.metadata.name} is rolling out revision ${updateName}: ${p.metadata.name} is at ${revisionOf(p) ?? 'none'}` });
        return finish();
      }
      if (unhealthy(p) || untilAvailable(p, minReady, ctx) > 0) return finish();
    }
    return finish();
  }
  // With maxUnavailable: as many at once as leaves at most maxUnavailable pods unavailable.
  const unavailable = replicas.filter((p, i) => i >= partition && (!p || unhealthy(p) || untilAvailable(p, minReady, ctx) > 0)).length;
  let budget = maxUnavailable - unavailable;
  for (let i = replicaCount - 1; i >= partition && budget > 0; i--) {
    const p = replicas[i];
    if (!p || isTerminating(p) || revisionOf(p) === updateName) continue;
    actions.push({ type: 'deletePod', pod: p, cause: `${set.metadata.name} is rolling out revision ${updateName}: ${p.metadata.name} is at ${revisionOf(p) ?? 'none'}` });
    if (!unhealthy(p)) budget--;
  }
  return finish();
}

/** whenScaled Delete: claims of ordinals beyond the count whose pod is gone. */
function claimCleanup(set: StatefulSet, pods: readonly Pod[], claims: readonly PersistentVolumeClaim[]): StatefulSetAction[] {
  if (set.spec.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return [];
  const start = startOrdinal(set);
  const present = new Set(pods.map((p) => ordinalOf(set, p)));
  const out: StatefulSetAction[] = [];
  for (const t of set.spec.volumeClaimTemplates ?? []) {
    const prefix = `${t.metadata.name}-${set.metadata.name}-`;
    for (const c of claims) {
      if (c.metadata.namespace !== set.metadata.namespace || !c.metadata.name.startsWith(prefix) || c.metadata.deletionTimestamp) continue;
      const rest = c.metadata.name.slice(prefix.length);
      if (!/^(0|[1-9]\d*)$/.test(rest)) continue;
      const ord = Number(rest);
      if ((ord < start || ord >= start + set.spec.replicas) && !present.has(ord)) out.push({ type: 'deleteClaim', claim: c, cause: `${set.metadata.name} was scaled below ordinal ${ord} and its whenScaled policy is Delete` });
    }
  }
  return out;
}

/** updateStatefulSetStatus's counts, over every pod the set owns. */
function statusOf(set: StatefulSet, pods: readonly Pod[], currentName: string, updateName: string, ctx: StatefulSetContext): StatefulSetStatus {
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let current = 0;
  let updated = 0;
  for (const p of pods) {
    if (isCreated(p)) replicas++;
    if (isRunningAndReady(p)) {
      ready++;
      if (untilAvailable(p, set.spec.minReadySeconds ?? 0, ctx) === 0) available++;
    }
    if (isCreated(p) && !isTerminating(p)) {
      if (revisionOf(p) === currentName) current++;
      if (revisionOf(p) === updateName) updated++;
    }
  }
  let currentRevision = currentName;
  // completeRollingUpdate: every pod updated and ready — the update revision becomes the current one.
  if (set.spec.updateStrategy.type === 'RollingUpdate' && updated === set.spec.replicas && ready === set.spec.replicas && replicas === set.spec.replicas) {
    currentRevision = updateName;
    current = updated;
  }
  return {
    observedGeneration: set.metadata.generation ?? 1,
    replicas,
    ...(ready ? { readyReplicas: ready } : {}),
    ...(current ? { currentReplicas: current } : {}),
    ...(updated ? { updatedReplicas: updated } : {}),
    currentRevision,
    updateRevision: updateName,
    collisionCount: set.status?.collisionCount ?? 0,
    availableReplicas: available,
  };
}
