import type { Binding, RbacPolicy, Role } from '@kubesim/api';
import type { Projection } from '@kubesim/eventlog';

/** The RBAC objects of the apiserver's projection, as the authorizer reads them. */
export function projectionPolicy(cluster: Projection): RbacPolicy {
  const store = cluster.store;
  return {
    clusterRoles: () => store.list('ClusterRole') as Iterable<unknown> as Iterable<Role>,
    clusterRole: (name) => store.get({ kind: 'ClusterRole', namespace: '', name }) as unknown as Role | undefined,
    role: (namespace, name) => store.get({ kind: 'Role', namespace, name }) as unknown as Role | undefined,
    clusterRoleBindings: () => store.list('ClusterRoleBinding') as Iterable<unknown> as Iterable<Binding>,
    roleBindings: function* (namespace) {
      for (const b of store.list('RoleBinding') as Iterable<unknown> as Iterable<Binding>) if (b.metadata.namespace === namespace) yield b;
    },
  };
}
