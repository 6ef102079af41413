import { authorize, forbiddenStatusMessage, rulesFor } from './authorizer';
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES } from './bootstrap';
import type { Binding, RbacPolicy, RequestAttributes, Role, UserInfo } from './types';

const policyOf = (roles: Role[], bindings: Binding[]): RbacPolicy => ({
  clusterRoles: () => roles.filter((r) => r.kind === 'ClusterRole'),
  clusterRole: (name) => roles.find((r) => r.kind === 'ClusterRole' && r.metadata.name === name),
  role: (ns, name) => roles.find((r) => r.kind === 'Role' && r.metadata.namespace === ns && r.metadata.name === name),
  clusterRoleBindings: () => bindings.filter((b) => b.kind === 'ClusterRoleBinding'),
  roleBindings: (ns) => bindings.filter((b) => b.kind === 'RoleBinding' && b.metadata.namespace === ns),
});

const res = (verb: string, resource: string, namespace = '', o: Partial<Extract<RequestAttributes, { kind: 'resource' }>> = {}): RequestAttributes => ({ kind: 'resource', verb, apiGroup: '', resource, subresource: '', namespace, name: '', ...o });
const user = (username: string, ...groups: string[]): UserInfo => ({ username, groups: [...groups, 'system:authenticated'] });
const rb = (name: string, ns: string, roleRef: Binding['roleRef'], subjects: Binding['subjects']): Binding => ({ kind: 'RoleBinding', metadata: { name, namespace: ns }, roleRef, subjects });

const podReader: Role = { kind: 'Role', metadata: { name: 'pod-reader', namespace: 'default' }, rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }] };
const onlyWeb: Role = { kind: 'Role', metadata: { name: 'only-web', namespace: 'default' }, rules: [{ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['*'] }] };
const policy = policyOf(
  [...BOOTSTRAP_CLUSTER_ROLES, podReader, onlyWeb],
  [
    ...BOOTSTRAP_CLUSTER_ROLE_BINDINGS,
    rb('alice-pods', 'default', { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }]),
    rb('alice-web', 'default', { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'only-web' }, [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }]),
    rb('devs-edit', 'dev', { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, [{ kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' }]),
    rb('ci-view', 'dev', { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, [{ kind: 'ServiceAccount', name: 'ci' }]),
  ],
);

describe('the RBAC authorizer', () => {
  it.each([
    ['system:masters may do anything', user('admin', 'system:masters'), res('delete', 'nodes'), true],
    ['a Role bound in its namespace allows its verbs', user('alice'), res('list', 'pods', 'default'), true],
    ['… and its subresources named in the rule', user('alice'), res('get', 'pods', 'default', { subresource: 'log', name: 'p' }), true],
    ['… not other verbs', user('alice'), res('delete', 'pods', 'default', { name: 'p' }), false],
    ['… not subresources it does not name', user('alice'), res('create', 'pods', 'default', { subresource: 'exec', name: 'p' }), false],
    ['… not in another namespace', user('alice'), res('list', 'pods', 'kube-system'), false],
    ['… not cluster-wide', user('alice'), res('list', 'pods'), false],
    ['resourceNames limit a rule to those names', user('alice'), res('update', 'deployments', 'default', { apiGroup: 'apps', name: 'web' }), true],
    ['… and refuse others', user('alice'), res('update', 'deployments', 'default', { apiGroup: 'apps', name: 'api' }), false],
    ['… and a list (no name)', user('alice'), res('list', 'deployments', 'default', { apiGroup: 'apps' }), false],
    ['the API group must match', user('alice'), res('list', 'pods', 'default', { apiGroup: 'apps' }), false],
    ['a group subject: the aggregated edit role writes deployments', user('bob', 'devs'), res('create', 'deployments', 'dev', { apiGroup: 'apps' }), true],
    ['… and reads pods (aggregated from view)', user('bob', 'devs'), res('watch', 'pods', 'dev'), true],
    ['… but not roles (those are admin)', user('bob', 'devs'), res('create', 'roles', 'dev', { apiGroup: 'rbac.authorization.k8s.io' }), false],
    ['a ServiceAccount subject without namespace is the binding namespace', user('system:serviceaccount:dev:ci'), res('get', 'configmaps', 'dev'), true],
    ['… another namespace of the same name is not it', user('system:serviceaccount:prod:ci'), res('get', 'configmaps', 'dev'), false],
    ['view does not read secrets', user('system:serviceaccount:dev:ci'), res('get', 'secrets', 'dev'), false],
    ['every authenticated user may review itself', user('carol'), res('create', 'selfsubjectaccessreviews', '', { apiGroup: 'authorization.k8s.io' }), true],
    ['… and read discovery', user('carol'), { kind: 'nonResource', verb: 'get', path: '/apis/apps/v1' } as RequestAttributes, true],
    ['… not other paths', user('carol'), { kind: 'nonResource', verb: 'get', path: '/metrics' } as RequestAttributes, false],
    ['anonymous may read /healthz', { username: 'system:anonymous', groups: ['system:unauthenticated'] }, { kind: 'nonResource', verb: 'get', path: '/healthz' } as RequestAttributes, true],
    ['… and nothing of discovery', { username: 'system:anonymous', groups: ['system:unauthenticated'] }, { kind: 'nonResource', verb: 'get', path: '/api' } as RequestAttributes, false],
  ])('%s', (_, u, attrs, allowed) => {
    expect(authorize(policy, u, attrs).allowed).toBe(allowed);
  });

  it('a binding to a role that does not exist allows nothing', () => {
    const p = policyOf([], [rb('x', 'default', { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'missing' }, [{ kind: 'User', name: 'alice' }])]);
    expect(authorize(p, user('alice'), res('get', 'pods', 'default')).allowed).toBe(false);
  });

  it.each([
    [res('list', 'pods', 'default'), 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"'],
    [res('delete', 'nodes', '', { name: 'node-1' }), 'nodes "node-1" is forbidden: User "alice" cannot delete resource "nodes" in API group "" at the cluster scope'],
    [res('get', 'pods', 'default', { name: 'web', subresource: 'log' }), 'pods "web" is forbidden: User "alice" cannot get resource "pods/log" in API group "" in the namespace "default"'],
    [res('list', 'deployments', 'default', { apiGroup: 'apps' }), 'deployments.apps is forbidden: User "alice" cannot list resource "deployments" in API group "apps" in the namespace "default"'],
    [{ kind: 'nonResource', verb: 'get', path: '/metrics' } as RequestAttributes, 'forbidden: User "alice" cannot get path "/metrics"'],
  ])('a refusal reads as kube-apiserver writes it: %j', (attrs, message) => {
    expect(forbiddenStatusMessage(user('alice'), attrs)).toBe(message);
  });

  it('lists the rules of a user in a namespace (SelfSubjectRulesReview)', () => {
    const rules = rulesFor(policy, user('alice'), 'default');
    expect(rules).toContainEqual(podReader.rules![0]);
    expect(rules).toContainEqual(expect.objectContaining({ resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] }));
    expect(rulesFor(policy, user('alice'), 'kube-system')).not.toContainEqual(podReader.rules![0]);
  });
});
