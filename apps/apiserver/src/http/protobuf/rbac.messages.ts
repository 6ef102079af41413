import { msg, msgs, str, strs, type MessageSpec } from './field-spec';

/** k8s.io/api/rbac/v1 `generated.proto`: what `kubectl create role|clusterrole|rolebinding|clusterrolebinding` sends. */
export const RBAC_MESSAGES: Record<string, MessageSpec> = {
  Role: { 1: msg('metadata', 'ObjectMeta'), 2: msgs('rules', 'PolicyRule') },
  ClusterRole: { 1: msg('metadata', 'ObjectMeta'), 2: msgs('rules', 'PolicyRule'), 3: msg('aggregationRule', 'AggregationRule') },
  PolicyRule: { 1: strs('verbs'), 2: strs('apiGroups'), 3: strs('resources'), 4: strs('resourceNames'), 5: strs('nonResourceURLs') },
  AggregationRule: { 1: msgs('clusterRoleSelectors', 'LabelSelector') },
  RoleBinding: { 1: msg('metadata', 'ObjectMeta'), 2: msgs('subjects', 'Subject'), 3: msg('roleRef', 'RoleRef') },
  ClusterRoleBinding: { 1: msg('metadata', 'ObjectMeta'), 2: msgs('subjects', 'Subject'), 3: msg('roleRef', 'RoleRef') },
  Subject: { 1: str('kind'), 2: str('apiGroup'), 3: str('name'), 4: str('namespace') },
  RoleRef: { 1: str('apiGroup'), 2: str('kind'), 3: str('name') },
};
