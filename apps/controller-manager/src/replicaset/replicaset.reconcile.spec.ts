import { reconcileReplicaSet } from './replicaset.reconcile';
import { aPodWith, aReplicaSet, ctx } from '../shared/workload.fixtures';

const rs = aReplicaSet('frontend', 3, { tier: 'frontend' });
const owner = { kind: 'ReplicaSet', name: 'frontend', uid: rs.metadata.uid };
const labels = { tier: 'frontend' };

describe('ReplicaSet controller', () => {
  it('creates the missing pods from the template, owned by the ReplicaSet, named <rs>-<5 chars>', () => {
    const actions = reconcileReplicaSet(rs, [aPodWith('frontend-a', { labels, owner, node: 'node-1', ready: true })], ctx);
    const creates = actions.filter((a) => a.type === 'create');
    expect(creates).toHaveLength(2);
    for (const a of creates) {
      const pod = (a as { pod: Record<string, any> }).pod;
      expect(pod.metadata.name).toMatch(/^frontend-\w{5}$/);
      expect(pod.metadata.generateName).toBe('frontend-');
      expect(pod.metadata.labels).toEqual(labels);
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
  });

  it('adopts matching bare pods and deletes the surplus (the docs example: pod1 and pod2 go at once)', () => {
    const running = ['a', 'b', 'c'].map((x) => aPodWith(`frontend-${x}`, { labels, owner, node: 'node-1', ready: true }));
    const bare = [aPodWith('pod1', { labels, created: Date.parse('2026-01-01T00:00:30Z') }), aPodWith('pod2', { labels, created: Date.parse('2026-01-01T00:00:31Z') })];
    const actions = reconcileReplicaSet(rs, [...running, ...bare], ctx);
    expect(actions.filter((a) => a.type === 'adopt').map((a) => (a as { pod: { metadata: { name: string } } }).pod.metadata.name)).toEqual(['pod1', 'pod2']);
    expect(actions.filter((a) => a.type === 'delete').map((a) => (a as { pod: { metadata: { name: string } } }).pod.metadata.name).sort()).toEqual(['pod1', 'pod2']);
  });

  it.each([
    ['an unscheduled pod before a scheduled one', [aPodWith('sched', { labels, owner, node: 'n', ready: true }), aPodWith('unsched', { labels, owner })], 'unsched'],
    ['a not-ready pod before a ready one', [aPodWith('ready', { labels, owner, node: 'n', ready: true }), aPodWith('notready', { labels, owner, node: 'n', ready: false })], 'notready'],
    ['the pod with more restarts', [aPodWith('calm', { labels, owner, node: 'n', ready: true }), aPodWith('crashy', { labels, owner, node: 'n', ready: true, restarts: 5 })], 'crashy'],
  ])('scales down deleting %s', (_case, pods, victim) => {
    const actions = reconcileReplicaSet(aReplicaSet('frontend', 1, labels, rs.metadata.uid), pods, ctx);
    expect(actions.filter((a) => a.type === 'delete').map((a) => (a as { pod: { metadata: { name: string } } }).pod.metadata.name)).toEqual([victim]);
  });

  it('does not count pods being deleted or finished: it replaces them', () => {
    const pods = [aPodWith('gone', { labels, owner, node: 'n', deleting: true }), aPodWith('done', { labels, owner, node: 'n', phase: 'Failed' }), aPodWith('ok', { labels, owner, node: 'n', ready: true })];
    expect(reconcileReplicaSet(rs, pods, ctx).filter((a) => a.type === 'create')).toHaveLength(2);
  });

  it('releases a pod whose labels no longer match, and reports status counts', () => {
    const pods = [aPodWith('relabelled', { labels: { tier: 'other' }, owner, node: 'n' }), aPodWith('a', { labels, owner, node: 'n', ready: true }), aPodWith('b', { labels, owner, node: 'n' })];
    const actions = reconcileReplicaSet(rs, pods, ctx);
    expect(actions.find((a) => a.type === 'release')).toMatchObject({ pod: { metadata: { name: 'relabelled' } } });
    expect(actions.find((a) => a.type === 'status')).toEqual({ type: 'status', status: { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 } });
  });

  it('does nothing when the pods and the status are as wanted', () => {
    const pods = ['a', 'b', 'c'].map((x) => aPodWith(x, { labels, owner, node: 'n', ready: true }));
    const synced = { ...rs, status: { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 } };
    expect(reconcileReplicaSet(synced, pods, ctx)).toEqual([]);
  });
});
