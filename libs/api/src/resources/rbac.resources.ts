import { ALL_VERBS, type ResourceDeclaration } from './resource';

const rbac = { group: 'rbac.authorization.k8s.io', version: 'v1', protobuf: true, verbs: ALL_VERBS, storage: 'generic' } as const;

/** `rbac.authorization.k8s.io/v1`: what the apiserver's authorizer reads (libs/api/src/rbac). */
export const RBAC_RESOURCES = [
  { ...rbac, kind: 'ClusterRole', plural: 'clusterroles', singular: 'clusterrole', namespaced: false },
  { ...rbac, kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', singular: 'clusterrolebinding', namespaced: false },
  { ...rbac, kind: 'Role', plural: 'roles', singular: 'role', namespaced: true },
  { ...rbac, kind: 'RoleBinding', plural: 'rolebindings', singular: 'rolebinding', namespaced: true },
] as const satisfies readonly ResourceDeclaration[];
