import { randomUUID } from 'node:crypto';
import { ANN_DEFAULT_CLASS, DEFAULT_PROVISIONER, DEFAULT_STORAGE_CLASS_NAME, rfc3339, type StorageClass } from '@kubesim/api';
import type { Projection } from '@kubesim/eventlog';
import type { CommandBus } from '../commands/command-bus';

/**
 * The default StorageClass `standard`, as kind's: a node-local hostPath provisioner (simulated by
 * the controller-manager), `Delete`, `WaitForFirstConsumer` (docs/decisions.md). Created once, at
 * the first start; a user who deletes or replaces it keeps their choice on restart.
 */
export function defaultStorageClass(now: number, uid: string): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: DEFAULT_STORAGE_CLASS_NAME, uid, resourceVersion: '', creationTimestamp: rfc3339(now), annotations: { [ANN_DEFAULT_CLASS]: 'true' } },
    provisioner: DEFAULT_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

export async function ensureDefaultStorageClass(bus: CommandBus, cluster: Projection): Promise<void> {
  // Only in a cluster that has never had it: the system namespaces are created in the same start-up.
  if (cluster.store.get({ kind: 'Namespace', namespace: '', name: 'kube-system' })) return;
  try {
    await bus.execute({ type: 'CreateObject', object: defaultStorageClass(Date.now(), randomUUID()) }, { by: 'apiserver' });
  } catch (e) {
    if ((e as { reason?: string }).reason !== 'AlreadyExists') throw e;
  }
}
