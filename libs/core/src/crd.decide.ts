import { CRD_CLEANUP_FINALIZER, rfc3339, type GenericObject } from '@kubesim/api';
import type { ClusterEvent, EventMeta } from './events';

type Obj = Record<string, any>;

/** Sets (or replaces) a condition of a CRD's status, keeping the others in place. */
export function withCrdCondition(status: Obj | undefined, condition: Obj): Obj {
  const conditions: Obj[] = status?.conditions ?? [];
  const old = conditions.find((c) => c.type === condition.type);
  const next = old && old.status === condition.status ? { ...condition, lastTransitionTime: old.lastTransitionTime } : condition;
  return { ...status, conditions: old ? conditions.map((c) => (c.type === condition.type ? next : c)) : [...conditions, next] };
}

/**
 * The first DELETE of a CustomResourceDefinition (apiextensions-apiserver's REST `Delete`): it is
 * not removed but marked — `deletionTimestamp`, the cleanup finalizer, and `Terminating=True`
 * (InstanceDeletionPending) — so the finalizer controller deletes its custom resources first.
 */
export function markCrdDeleted(crd: GenericObject, now: number, meta: EventMeta): ClusterEvent[] {
  if (crd.metadata.deletionTimestamp) return [];
  const finalizers = crd.metadata.finalizers ?? [];
  const status = withCrdCondition((crd as Obj).status, {
    type: 'Terminating',
    status: 'True',
    lastTransitionTime: rfc3339(now),
    reason: 'InstanceDeletionPending',
    message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
  });
  const object = {
    ...crd,
    metadata: { ...crd.metadata, deletionTimestamp: rfc3339(now), deletionGracePeriodSeconds: 0, finalizers: finalizers.includes(CRD_CLEANUP_FINALIZER) ? finalizers : [...finalizers, CRD_CLEANUP_FINALIZER] },
    status,
  } as GenericObject;
  return [{ ...meta, type: 'ObjectUpdated', object }];
}
