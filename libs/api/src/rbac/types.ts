/** Who a request is from, as an authenticator found it (k8s.io/apiserver user.Info). */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** What a request does, as kube-apiserver's RequestInfo and authorizer.Attributes name it. */
export type RequestAttributes =
  | { kind: 'resource'; verb: string; apiGroup: string; apiVersion?: string; resource: string; subresource: string; namespace: string; name: string }
  | { kind: 'nonResource'; verb: string; path: string };

/** rbac.authorization.k8s.io/v1 PolicyRule. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount' | string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: 'Role' | 'ClusterRole' | string;
  name: string;
}

interface Meta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  [k: string]: unknown;
}

export interface RbacLabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface Role {
  apiVersion?: string;
  kind: 'Role' | 'ClusterRole';
  metadata: Meta;
  rules?: PolicyRule[] | null;
  aggregationRule?: { clusterRoleSelectors?: RbacLabelSelector[] };
}

export interface Binding {
  apiVersion?: string;
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  metadata: Meta;
  subjects?: Subject[] | null;
  roleRef: RoleRef;
}

/** The RBAC objects of a cluster, as the authorizer reads them. */
export interface RbacPolicy {
  clusterRoles(): Iterable<Role>;
  clusterRole(name: string): Role | undefined;
  role(namespace: string, name: string): Role | undefined;
  clusterRoleBindings(): Iterable<Binding>;
  roleBindings(namespace: string): Iterable<Binding>;
}

export type Decision = { allowed: true; reason: string } | { allowed: false; reason: string };
