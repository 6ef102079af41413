import type { KubeObject, Node, Pod, PodCondition } from '@kubesim/api';
import { aNode, aPod, nodeCondition } from '@kubesim/testing';
import type { ClusterEvent } from './events';
import { evolve } from './evolve';

type Body<E> = E extends unknown ? Omit<E, 'at' | 'by'> : never;
const ev = (e: Body<ClusterEvent>) => ({ at: '2024-05-01T10:00:00Z', by: 'spec', ...e }) as ClusterEvent;
const x = { namespace: 'default', name: 'x' };
const condition = (type: string, status: PodCondition['status'], lastTransitionTime: string, reason?: string): PodCondition => ({
  type,
  status,
  lastProbeTime: null,
  lastTransitionTime,
  ...(reason ? { reason } : {}),
});

describe('evolve: one object, one event at a time', () => {
  const pod = evolve(undefined, ev({ type: 'PodCreated', pod: aPod('x') }), 1) as Pod;

  it('creates the object at resourceVersion = seq', () => {
    expect(pod.metadata.resourceVersion).toBe('1');
  });

  it('stamps every change with its seq and never mutates the object it was given', () => {
    const before = structuredClone(pod);
    const after = evolve(pod, ev({ type: 'PodBound', ...x, node: 'node-1' }), 5) as Pod;
    expect(after.metadata.resourceVersion).toBe('5');
    expect(after.spec.nodeName).toBe('node-1');
    expect(pod).toEqual(before);
  });

  it('PodPhaseChanged changes only the phase', () => {
    const withIp = { ...pod, status: { ...pod.status, podIP: '10.244.0.2' } };
    const after = evolve(withIp, ev({ type: 'PodPhaseChanged', ...x, from: 'Pending', to: 'Running', reason: '' }), 2) as Pod;
    expect(after.status).toEqual({ ...withIp.status, phase: 'Running' });
  });

  it('PodStatusReported replaces the whole status (the kubelet owns it)', () => {
    const after = evolve(pod, ev({ type: 'PodStatusReported', ...x, status: { phase: 'Running', podIP: '10.244.0.2' } }), 2) as Pod;
    expect(after.status).toEqual({ phase: 'Running', podIP: '10.244.0.2' });
  });

  it('PodDeletionRequested sets deletionTimestamp and deletionGracePeriodSeconds', () => {
    const after = evolve(pod, ev({ type: 'PodDeletionRequested', ...x, deletionTimestamp: '2024-05-01T10:00:30Z', gracePeriodSeconds: 30 }), 2) as Pod;
    expect(after.metadata).toMatchObject({ deletionTimestamp: '2024-05-01T10:00:30Z', deletionGracePeriodSeconds: 30 });
  });

  it.each<[string, ClusterEvent, KubeObject]>([
    ['PodDeleted removes a pod', ev({ type: 'PodDeleted', ...x, phase: 'Running' }), pod],
    ['NodeDeleted removes a node', ev({ type: 'NodeDeleted', name: 'node-1' }), aNode('node-1')],
  ])('%s', (_case, event, object) => {
    expect(evolve(object, event, 9)).toBeUndefined();
  });

  it('ignores an event about an object that does not exist', () => {
    expect(evolve(undefined, ev({ type: 'PodBound', ...x, node: 'node-1' }), 2)).toBeUndefined();
  });

  describe('PodConditionSet', () => {
    const scheduled = { ...pod, status: { ...pod.status, conditions: [condition('PodScheduled', 'False', '2024-05-01T09:00:00Z', 'Unschedulable')] } };
    const set = (c: PodCondition) => (evolve(scheduled, ev({ type: 'PodConditionSet', ...x, condition: c }), 3) as Pod).status.conditions;

    it('adds a condition of a new type', () => {
      expect(set(condition('Ready', 'False', '2024-05-01T10:00:00Z'))).toHaveLength(2);
    });

    it('replaces one of the same type, with the new transition time when the status changes', () => {
      expect(set(condition('PodScheduled', 'True', '2024-05-01T10:00:00Z'))).toEqual([condition('PodScheduled', 'True', '2024-05-01T10:00:00Z')]);
    });

    it('keeps lastTransitionTime when only the reason changes', () => {
      expect(set(condition('PodScheduled', 'False', '2024-05-01T10:00:00Z', 'SchedulingGated'))).toEqual([
        condition('PodScheduled', 'False', '2024-05-01T09:00:00Z', 'SchedulingGated'),
      ]);
    });
  });

  it('NodeConditionChanged replaces the condition of that type and keeps the others', () => {
    const node = aNode('node-1');
    const unknown = nodeCondition('Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', '2024-05-01T10:00:00Z');
    const after = evolve(node, ev({ type: 'NodeConditionChanged', name: 'node-1', condition: unknown }), 4) as Node;
    expect(after.status.conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=Unknown']);
  });
});
