import type { KubeObject, ManagedFieldsEntry } from '@kubesim/api';
import { evolve } from './evolve';
import type { ClusterEvent } from './events';
import { managerOfComponent, withManagedFields } from './managed-fields';

const key = { kind: 'Pod' as const, namespace: 'default', name: 'p' };
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] }, status: { phase: 'Pending' } } as unknown as KubeObject;
const at = '2026-01-01T00:00:00Z';
const fold = (o: KubeObject | undefined, events: ClusterEvent[]) => events.reduce<KubeObject | undefined>((x, e) => evolve(x, e, 2), o);
const entries = (o: KubeObject | undefined) => (o?.metadata.managedFields ?? []) as ManagedFieldsEntry[];

describe('managedFields recorded with a write’s events', () => {
  const created = fold(undefined, withManagedFields(key, [{ type: 'PodCreated', at, by: 'user:kubectl', pod: pod as never }], undefined, Date.parse(at), 'user:kubectl', { type: 'update', manager: 'kubectl-create', apiVersion: 'v1' }));

  it('a create: one Update entry of its manager, owning what it set (not identity, not status: pods have a status subresource), compared with the zero Pod', () => {
    expect(entries(created)).toEqual([
      { manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1', time: at, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } } },
    ]);
  });

  it('a kubelet status report: `kubelet`, subresource status; a second one only moves its time and logs no fields', () => {
    const report = (phase: string, t: string) => withManagedFields(key, [{ type: 'PodStatusReported', at: t, by: 'kubelet/node-1', namespace: 'default', name: 'p', status: { phase } as never }], created, Date.parse(t), 'kubelet/node-1');
    const first = report('Running', '2026-01-01T00:00:05Z');
    const after = fold(created, first);
    expect(entries(after).map((e) => `${e.manager}/${e.subresource ?? ''}`)).toEqual(['kubectl-create/', 'kubelet/status']);
    const second = withManagedFields(key, [{ type: 'PodStatusReported', at, by: 'kubelet/node-1', namespace: 'default', name: 'p', status: { phase: 'Succeeded' } as never }], after, Date.parse('2026-01-01T00:00:09Z'), 'kubelet/node-1');
    const mf = second[1] as Extract<ClusterEvent, { type: 'ManagedFieldsUpdated' }>;
    expect(mf.managedFields.map((e) => [e.manager, e.time, e.fieldsV1 === undefined])).toEqual([
      ['kubectl-create', at, true],
      ['kubelet', '2026-01-01T00:00:09Z', true],
    ]);
    expect(entries(fold(after, second)).find((e) => e.manager === 'kubelet')!.fieldsV1).toEqual({ 'f:status': { 'f:phase': {} } });
  });

  it('a bind and the log’s own Events keep none; a write that changes nothing adds no event', () => {
    const bound: ClusterEvent[] = [{ type: 'PodBound', at, by: 'default-scheduler', namespace: 'default', name: 'p', node: 'node-1' }];
    expect(withManagedFields(key, bound, created, Date.parse(at), 'default-scheduler')).toBe(bound);
    expect(withManagedFields(key, [], created, Date.parse(at), 'x')).toEqual([]);
  });

  it('components are named as upstream’s', () => {
    expect(['kubelet/node-3', 'kubelet-pool/pool-1', 'default-scheduler', 'replicaset-controller', 'user:kubectl'].map(managerOfComponent)).toEqual(['kubelet', 'kubelet', 'kube-scheduler', 'kube-controller-manager', 'kubectl']);
  });
});
