import type { Binding, Decision, RbacLabelSelector, PolicyRule, RbacPolicy, RequestAttributes, Role, Subject, UserInfo } from './types';

/** The group every authenticated user is in; kube-apiserver's superuser group. */
export const SYSTEM_AUTHENTICATED = 'system:authenticated';
export const SYSTEM_MASTERS = 'system:masters';

/**
 * RBAC, as kube-apiserver's `rbac.RBACAuthorizer`: allowed when a rule of a role bound to the user
 * (a ClusterRoleBinding anywhere, a RoleBinding in the request's namespace) covers the request.
 * `system:masters` is allowed everything, as kube-apiserver's privileged-group authorizer does.
 */
export function authorize(policy: RbacPolicy, user: UserInfo, attrs: RequestAttributes): Decision {
  if (user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
  for (const b of policy.clusterRoleBindings()) {
    if (!bindingAppliesTo(b, user, '')) continue;
    if (b.roleRef.kind !== 'ClusterRole') continue;
    if (rulesOf(policy, policy.clusterRole(b.roleRef.name)).some((r) => ruleAllows(r, attrs))) {
      return { allowed: true, reason: `RBAC: allowed by ClusterRoleBinding "${b.metadata.name}" of ClusterRole "${b.roleRef.name}" to ${describe(user)}` };
    }
  }
  if (attrs.kind === 'resource' && attrs.namespace) {
    for (const b of policy.roleBindings(attrs.namespace)) {
      if (!bindingAppliesTo(b, user, attrs.namespace)) continue;
      const role = b.roleRef.kind === 'Role' ? policy.role(attrs.namespace, b.roleRef.name) : b.roleRef.kind === 'ClusterRole' ? policy.clusterRole(b.roleRef.name) : undefined;
      if (rulesOf(policy, role).some((r) => ruleAllows(r, attrs))) {
        return { allowed: true, reason: `RBAC: allowed by RoleBinding "${b.metadata.name}/${attrs.namespace}" of ${b.roleRef.kind} "${b.roleRef.name}" to ${describe(user)}` };
      }
    }
  }
  return { allowed: false, reason: '' };
}

/** Every rule that applies to the user in `namespace` ('' = cluster-wide only): SelfSubjectRulesReview. */
export function rulesFor(policy: RbacPolicy, user: UserInfo, namespace: string): PolicyRule[] {
  if (user.groups.includes(SYSTEM_MASTERS)) return [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }];
  const rules: PolicyRule[] = [];
  for (const b of policy.clusterRoleBindings()) {
    if (bindingAppliesTo(b, user, '') && b.roleRef.kind === 'ClusterRole') rules.push(...rulesOf(policy, policy.clusterRole(b.roleRef.name)));
  }
  if (namespace) {
    for (const b of policy.roleBindings(namespace)) {
      if (!bindingAppliesTo(b, user, namespace)) continue;
      rules.push(...rulesOf(policy, b.roleRef.kind === 'Role' ? policy.role(namespace, b.roleRef.name) : policy.clusterRole(b.roleRef.name)));
    }
  }
  return rules;
}

const describe = (u: UserInfo) => `User "${u.username}"`;

/** A role's rules; an aggregated ClusterRole's are those of every ClusterRole its selectors match. */
export function rulesOf(policy: RbacPolicy, role: Role | undefined): PolicyRule[] {
  if (!role) return [];
  const selectors = role.kind === 'ClusterRole' ? role.aggregationRule?.clusterRoleSelectors : undefined;
  if (!selectors?.length) return role.rules ?? [];
  const rules = [...(role.rules ?? [])];
  for (const other of policy.clusterRoles()) {
    if (other.metadata.name === role.metadata.name) continue;
    if (selectors.some((s) => selectorMatches(s, other.metadata.labels ?? {}))) rules.push(...(other.rules ?? []));
  }
  return rules;
}

function selectorMatches(s: RbacLabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of s.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !(e.values ?? []).includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && (e.values ?? []).includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function bindingAppliesTo(b: Binding, user: UserInfo, bindingNamespace: string): boolean {
  return (b.subjects ?? []).some((s) => subjectMatches(s, user, bindingNamespace));
}

/** rbac's appliesToUser: a User by name, a Group by membership, a ServiceAccount by its username. */
export function subjectMatches(s: Subject, user: UserInfo, bindingNamespace: string): boolean {
  switch (s.kind) {
    case 'User':
      return s.name === user.username;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount': {
      const ns = s.namespace || bindingNamespace;
      return !!ns && user.username === `system:serviceaccount:${ns}:${s.name}`;
    }
    default:
      return false;
  }
}

/** rbac's RuleAllows: verbs, then API groups, resources and names, or non-resource URLs. */
export function ruleAllows(rule: PolicyRule, attrs: RequestAttributes): boolean {
  if (!has(rule.verbs, attrs.verb)) return false;
  if (attrs.kind === 'nonResource') return nonResourceUrlMatches(rule.nonResourceURLs ?? [], attrs.path);
  if (!rule.resources?.length) return false;
  return has(rule.apiGroups ?? [], attrs.apiGroup) && resourceMatches(rule.resources, attrs.resource, attrs.subresource) && (!rule.resourceNames?.length || rule.resourceNames.includes(attrs.name));
}

const has = (list: readonly string[], v: string) => list.includes('*') || list.includes(v);

function resourceMatches(resources: readonly string[], resource: string, subresource: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const r of resources) {
    if (r === '*' || r === combined) return true;
    if (subresource && r === `*/${subresource}`) return true;
  }
  return false;
}

function nonResourceUrlMatches(urls: readonly string[], path: string): boolean {
  return urls.some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));
}

/**
 * kube-apiserver's `forbiddenMessage`: `User "alice" cannot list resource "pods" in API group ""
 * in the namespace "default"`.
 */
export function forbiddenMessage(user: UserInfo, a: RequestAttributes): string {
  if (a.kind === 'nonResource') return `User "${user.username}" cannot ${a.verb} path "${a.path}"`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  if (a.namespace) return `User "${user.username}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup}" in the namespace "${a.namespace}"`;
  return `User "${user.username}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup}" at the cluster scope`;
}

/** The whole 403 message: `pods is forbidden: …`, `pods "web" is forbidden: …`, `forbidden: …`. */
export function forbiddenStatusMessage(user: UserInfo, a: RequestAttributes, reason = ''): string {
  const msg = forbiddenMessage(user, a) + (reason ? `: ${reason}` : '');
  if (a.kind === 'nonResource') return `forbidden: ${msg}`;
  const qualified = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
  return a.name ? `${qualified} "${a.name}" is forbidden: ${msg}` : `${qualified} is forbidden: ${msg}`;
}
