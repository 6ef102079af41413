import type { OwnerReference, Pod, ReplicaSet, WrittenObject } from '@kubesim/api';
import { selectorMatches } from '@kubesim/core';
import { controllerOf, deletionOrder, isActive, isAvailable, isReady } from '../shared/pod-state';
import { ownerReference, type ReconcileContext } from '../shared/owner';

/** What a ReplicaSet asks of the cluster; the controller's edge carries them out in order. */
export type ReplicaSetAction =
  | { type: 'adopt'; pod: Pod; owner: OwnerReference }
  | { type: 'release'; pod: Pod }
  | { type: 'create'; pod: WrittenObject }
  | { type: 'delete'; pod: Pod }
  | { type: 'status'; status: ReplicaSet['status'] };

/** upstream burstReplicas: at most this many creates or deletes per sync. */
export const BURST_REPLICAS = 500;

/** A pod from a template, owned by `owner`, named `<generateName><suffix>`. */
export function podFromTemplate(owner: ReplicaSet, suffix: string): WrittenObject {
  const t = owner.spec.template;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${owner.metadata.name}-${suffix}`,
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}) },
      ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      ownerReferences: [ownerReference(owner)],
    },
    spec: structuredClone(t.spec),
  };
}

/**
 * One ReplicaSet sync (pure): adopt matching orphans, release pods that no longer match, create or
 * delete pods until the active ones equal `spec.replicas`, then the status counts.
 */
export function reconcileReplicaSet(rs: ReplicaSet, pods: readonly Pod[], ctx: ReconcileContext): ReplicaSetAction[] {
  const actions: ReplicaSetAction[] = [];
  const owner = ownerReference(rs);
  const mine: Pod[] = [];
  for (const p of pods) {
    if (p.metadata.namespace !== rs.metadata.namespace) continue;
    const ref = controllerOf(p);
    const matching = selectorMatches(rs.spec.selector, p.metadata.labels);
    if (ref?.uid === rs.metadata.uid) {
      if (matching) mine.push(p);
      else actions.push({ type: 'release', pod: p });
    } else if (!ref && matching && !p.metadata.deletionTimestamp && !rs.metadata.deletionTimestamp) {
      actions.push({ type: 'adopt', pod: p, owner });
      mine.push(p);
    }
  }
  const active = mine.filter(isActive);
  // Being deleted (foreground: its pods go first): no pods are made or removed for it (syncReplicaSet's DeletionTimestamp check).
  const diff = rs.metadata.deletionTimestamp ? 0 : active.length - rs.spec.replicas;
  if (diff < 0) {
    for (let i = 0; i < Math.min(-diff, BURST_REPLICAS); i++) actions.push({ type: 'create', pod: podFromTemplate(rs, ctx.suffix()) });
  } else if (diff > 0) {
    for (const p of [...active].sort(deletionOrder).slice(0, Math.min(diff, BURST_REPLICAS))) actions.push({ type: 'delete', pod: p });
  }
  const minReady = rs.spec.minReadySeconds ?? 0;
  const status: ReplicaSet['status'] = {
    replicas: active.length,
    fullyLabeledReplicas: active.filter((p) => Object.entries(rs.spec.template.metadata?.labels ?? {}).every(([k, v]) => p.metadata.labels?.[k] === v)).length,
    readyReplicas: active.filter(isReady).length,
    availableReplicas: active.filter((p) => isAvailable(p, minReady, ctx.now, ctx.timeScale)).length,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  if (JSON.stringify(status) !== JSON.stringify(rs.status)) actions.push({ type: 'status', status });
  return actions;
}
