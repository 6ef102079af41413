import type { ReplicaSet } from '@kubesim/api';

type Obj = Record<string, any>;

/**
 * A ReplicationController in the shape the ReplicaSet reconcile reads (upstream's replication
 * manager is the ReplicaSet controller over converted objects): its map selector as matchLabels,
 * defaulting to the template's labels. Kind and apiVersion stay, so pods are owned by the RC.
 */
export function asReplicaSet(rc: Obj): ReplicaSet {
  const labels = rc.spec?.template?.metadata?.labels ?? {};
  const selector = rc.spec?.selector && Object.keys(rc.spec.selector).length ? rc.spec.selector : labels;
  return { ...rc, spec: { ...rc.spec, replicas: rc.spec?.replicas ?? 1, minReadySeconds: rc.spec?.minReadySeconds ?? 0, selector: { matchLabels: selector } }, status: rc.status ?? { replicas: 0 } } as ReplicaSet;
}
