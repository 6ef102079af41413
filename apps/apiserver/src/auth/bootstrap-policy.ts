import { randomUUID } from 'node:crypto';
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES, rfc3339, type GenericObject } from '@kubesim/api';
import type { Projection } from '@kubesim/eventlog';
import type { CommandBus } from '../commands/command-bus';

/**
 * kube-apiserver's RBAC bootstrap (the `rbac/bootstrap-roles` post-start hook): the default
 * ClusterRoles and ClusterRoleBindings are created at every start when missing, so a deleted
 * `view` comes back as it does upstream; one a user changed is left as it is.
 */
export async function ensureBootstrapPolicy(bus: CommandBus, cluster: Projection): Promise<void> {
  for (const o of [...BOOTSTRAP_CLUSTER_ROLES, ...BOOTSTRAP_CLUSTER_ROLE_BINDINGS]) {
    if (cluster.store.get({ kind: o.kind, namespace: '', name: o.metadata.name })) continue;
    const object = { ...structuredClone(o), metadata: { ...structuredClone(o.metadata), uid: randomUUID(), resourceVersion: '', creationTimestamp: rfc3339(Date.now()) } } as unknown as GenericObject;
    try {
      await bus.execute({ type: 'CreateObject', object }, { by: 'apiserver' });
    } catch (e) {
      if ((e as { reason?: string }).reason !== 'AlreadyExists') throw e;
    }
  }
}
