import { randomUUID } from 'node:crypto';
import type { CommandBus } from '../commands/command-bus';
import { namespaceObject } from '../http/namespace-writes';
import type { Projection } from '@kubesim/eventlog';

/** Namespaces every cluster has. Created once; a restart finds them in the log. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export async function ensureSystemNamespaces(bus: CommandBus, cluster: Projection): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) {
    if (cluster.store.get({ kind: 'Namespace', namespace: '', name })) continue;
    try {
      await bus.execute({ type: 'CreateNamespace', namespace: namespaceObject(name, Date.now(), randomUUID()) }, { by: 'apiserver' });
    } catch (e) {
      // Another apiserver created it meanwhile.
      if ((e as { reason?: string }).reason !== 'AlreadyExists') throw e;
    }
  }
}
