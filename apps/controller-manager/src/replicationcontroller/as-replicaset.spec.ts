import { asReplicaSet } from './as-replicaset';

describe('a ReplicationController in a ReplicaSet’s shape', () => {
  const rc = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'nginx', namespace: 'default', uid: 'u' }, spec: { replicas: 3, selector: { app: 'nginx' }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [] } } } };

  it('selects with matchLabels and keeps its own kind, so its pods are owned by the RC', () => {
    const rs = asReplicaSet(rc);
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'nginx' } });
    expect(rs.kind).toBe('ReplicationController');
    expect(rs.apiVersion).toBe('v1');
  });

  it('an RC without a selector selects its template’s labels', () => {
    expect(asReplicaSet({ ...rc, spec: { ...rc.spec, selector: undefined } }).spec.selector).toEqual({ matchLabels: { app: 'nginx' } });
  });
});
