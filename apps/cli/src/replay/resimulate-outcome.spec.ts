import { EVICTION_API_CAUSE, type Pod, type PodStatus } from '@kubesim/api';
import { SCHEMA_VERSION, type ClusterEvent } from '@kubesim/core';
import { aPod, podBound, podCreated, podStatusReported } from '@kubesim/testing';
import { outcomeOf } from './resimulate-outcome';

const rec = (seq: number, events: ClusterEvent[]) => ({ seq, record: { v: SCHEMA_VERSION, events } });
const meta = { at: '2024-05-01T09:00:10Z', by: 'spec' };
const owned = (name: string): Pod => {
  const p = aPod(name);
  return { ...p, metadata: { ...p.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u', controller: true }] } };
};
const running = (restarts = 0): PodStatus =>
  ({
    phase: 'Running',
    containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: restarts, started: true, state: { running: { startedAt: '2024-05-01T09:00:05Z' } } }],
  }) as never;

describe('outcomeOf', () => {
  it('the pods left at the end: node, STATUS, restarts, owner; the scheduler’s message for one not placed', () => {
    const o = outcomeOf([
      rec(1, podCreated(owned('web-abc-1'))),
      rec(2, podBound('web-abc-1', 'node-1')),
      rec(3, podStatusReported('web-abc-1', running(2))),
      rec(4, podCreated(aPod('big'))),
      rec(5, [{ ...meta, type: 'PodConditionSet', namespace: 'default', name: 'big', condition: { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.', lastProbeTime: null, lastTransitionTime: meta.at } }]),
    ]);
    expect(o.pods).toEqual([
      expect.objectContaining({ name: 'web-abc-1', owner: 'ReplicaSet/web-abc', node: 'node-1', phase: 'Running', status: 'Running', restarts: 2 }),
      expect.objectContaining({ name: 'big', status: 'Pending', unschedulable: '0/3 nodes are available: 3 Insufficient cpu.' }),
    ]);
    expect(o.pods[1]).not.toHaveProperty('owner');
  });

  it('counts pods that went Unknown and were evicted by the taint manager, per controller; a user’s delete is no eviction', () => {
    const o = outcomeOf([
      rec(1, podCreated(owned('web-abc-1'))),
      rec(2, podBound('web-abc-1', 'node-2')),
      rec(3, [{ ...meta, type: 'PodPhaseChanged', namespace: 'default', name: 'web-abc-1', from: 'Running', to: 'Unknown', reason: 'NodeLost' }]),
      rec(4, [{ ...meta, type: 'PodConditionSet', namespace: 'default', name: 'web-abc-1', condition: { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: '', lastProbeTime: null, lastTransitionTime: meta.at } }]),
      rec(5, [{ ...meta, type: 'PodDeletionRequested', namespace: 'default', name: 'web-abc-1', deletionTimestamp: meta.at, gracePeriodSeconds: 30 }]),
      rec(6, podCreated(aPod('solo'))),
      rec(7, [{ ...meta, type: 'PodDeletionRequested', namespace: 'default', name: 'solo', deletionTimestamp: meta.at, gracePeriodSeconds: 30 }]),
    ]);
    expect(o.unknown).toEqual({ 'default/ReplicaSet/web-abc': ['web-abc-1'] });
    expect(o.evicted).toEqual({ 'default/ReplicaSet/web-abc': ['web-abc-1'] });
  });

  it.each([
    ['kubesim drain', 'kubesim drain node-1'],
    ['kubectl drain (the Eviction API)', EVICTION_API_CAUSE],
  ])('a deletion by %s is an eviction', (_by, cause) => {
    const o = outcomeOf([rec(1, podCreated(aPod('solo'))), rec(2, [{ ...meta, cause, type: 'PodDeletionRequested', namespace: 'default', name: 'solo', deletionTimestamp: meta.at, gracePeriodSeconds: 30 }])]);
    expect(o.evicted).toEqual({ 'default/solo': ['solo'] });
  });
});
