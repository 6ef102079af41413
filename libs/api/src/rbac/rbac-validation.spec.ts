import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from './rbac-validation';

const messages = (causes: { field: string; message: string }[]) => causes.map((c) => `${c.field}: ${c.message}`);
const ref = { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' };

describe('RBAC validation (upstream messages)', () => {
  it('a rule needs verbs, API groups and resources', () => {
    expect(messages(roleStrategy.validate({ rules: [{}] }))).toEqual([
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
      'rules[0].resources: Required value: resource rules must supply at least one resource',
    ]);
    expect(roleStrategy.validate({ rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] })).toEqual([]);
  });

  it('non-resource URLs only in ClusterRoles, and not mixed with resources', () => {
    expect(messages(roleStrategy.validate({ rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] }))).toEqual(['rules[0].nonResourceURLs: Invalid value: ["/healthz"]: namespaced rules cannot apply to non-resource URLs']);
    expect(clusterRoleStrategy.validate({ rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] })).toEqual([]);
    expect(messages(clusterRoleStrategy.validate({ rules: [{ verbs: ['get'], nonResourceURLs: ['/x'], resources: ['pods'] }] }))).toEqual(['rules[0].nonResourceURLs: Invalid value: ["/x"]: rules cannot apply to both regular resources and non-resource URLs']);
  });

  it('a rule field that is not a list of strings is named', () => {
    expect(messages(roleStrategy.validate({ rules: [{ verbs: 'get' }] }))).toEqual(['rules[0].verbs: Invalid value: "get": must be a list of strings']);
  });

  it('a binding names a role of its API group and kind', () => {
    expect(roleBindingStrategy.validate({ roleRef: ref, subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }] })).toEqual([]);
    expect(messages(roleBindingStrategy.validate({ roleRef: { apiGroup: 'x', kind: 'Pod', name: '' } }))).toEqual([
      'roleRef.apiGroup: Unsupported value: "x": supported values: "rbac.authorization.k8s.io"',
      'roleRef.kind: Unsupported value: "Pod": supported values: "Role", "ClusterRole"',
      'roleRef.name: Required value',
    ]);
    expect(messages(clusterRoleBindingStrategy.validate({ roleRef: ref }))).toEqual(['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"']);
  });

  it('subjects: kinds, API groups, a ServiceAccount namespace in ClusterRoleBindings', () => {
    const crb = (s: object) => messages(clusterRoleBindingStrategy.validate({ roleRef: { ...ref, kind: 'ClusterRole' }, subjects: [s] }));
    expect(crb({ kind: 'ServiceAccount', name: 'ci' })).toEqual(['subjects[0].namespace: Required value']);
    expect(crb({ kind: 'ServiceAccount', name: 'ci', namespace: 'dev', apiGroup: 'rbac.authorization.k8s.io' })).toEqual(['subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""']);
    expect(crb({ kind: 'Robot', name: 'r' })).toEqual(['subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"']);
    expect(crb({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io' })).toEqual(['subjects[0].name: Required value']);
  });

  it('roleRef cannot change on update', () => {
    expect(messages(roleBindingStrategy.validate({ roleRef: { ...ref, name: 'other' } }, { roleRef: ref }))).toEqual(['roleRef: Invalid value: {"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"other"}: cannot change roleRef']);
  });
});
