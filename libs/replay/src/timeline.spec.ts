import type { PodStatus } from '@kubesim/api';
import { SCHEMA_VERSION, type ClusterEvent } from '@kubesim/core';
import { aNode, aPod, nodeRegistered, podBound, podCreated, podStatusReported } from '@kubesim/testing';
import { parsePoint, selectsEntry } from './filters';
import { perPod, timeline, timelineRow } from './timeline';

const rec = (seq: number, events: ClusterEvent[]) => ({ seq, record: { v: SCHEMA_VERSION, events } });
const waiting = (reason: string): PodStatus => ({
  phase: 'Pending',
  containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason } } }],
} as never);
const running = (): PodStatus => ({
  phase: 'Running',
  containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: 0, started: true, state: { running: { startedAt: '2024-05-01T09:00:05Z' } } }],
} as never);
const withCause = (events: ClusterEvent[], cause: string) => events.map((e) => ({ ...e, cause }));

const log = [
  rec(1, nodeRegistered(aNode('node-1'))),
  rec(2, podCreated(aPod('web'))),
  rec(3, podCreated(aPod('db'))),
  rec(4, podBound('web', 'node-1')),
  rec(5, withCause(podStatusReported('web', waiting('ContainerCreating')), 'sandbox created')),
  rec(6, withCause([...podStatusReported('web', running()), { type: 'PodPhaseChanged', namespace: 'default', name: 'web', from: 'Pending', to: 'Running', reason: 'Started', at: '2024-05-01T09:00:06Z', by: 'kubelet/node-1' }], 'container app started')),
  rec(7, [{ type: 'PodDeleted', namespace: 'default', name: 'db', phase: 'Pending', at: '2024-05-01T09:00:07Z', by: 'apiserver' }]),
];

describe('replay timeline', () => {
  it('has one entry per phase or STATUS a pod went through, with node and cause', () => {
    const web = timeline(log).filter((e) => e.pod === 'web');
    expect(web.map((e) => [e.seq, e.phase, e.status, e.node, e.cause])).toEqual([
      [2, 'Pending', 'Pending', '', 'created'],
      [5, 'Pending', 'ContainerCreating', 'node-1', 'sandbox created'],
      [6, 'Running', 'Running', 'node-1', 'container app started'],
    ]);
  });

  it('shows the pod’s sandbox (pause) created, with its IP, before any of its containers runs', () => {
    const sandboxUp: PodStatus = { ...waiting('ContainerCreating'), podIP: '10.244.1.5', conditions: [{ type: 'PodReadyToStartContainers', status: 'True' }] } as never;
    const withSandbox = [...log.slice(0, 4), rec(5, podStatusReported('web', sandboxUp)), rec(6, podStatusReported('web', { ...running(), podIP: '10.244.1.5', conditions: sandboxUp.conditions } as never))];
    const web = timeline(withSandbox).filter((e) => e.pod === 'web');
    expect(web.map((e) => [e.seq, e.status, e.cause])).toEqual([
      [2, 'Pending', 'created'],
      [5, 'ContainerCreating', 'pod sandbox created (pause): IP 10.244.1.5'],
      [6, 'Running', 'status reported'],
    ]);
  });

  it('shows a user’s `kubesim node kill` as its own row about the node', () => {
    const kill: ClusterEvent = { type: 'NodeProcessAction', name: 'node-1', action: 'kill', timeScale: 1, at: '2024-05-01T09:00:08Z', by: 'user:kubesim', cause: 'kubesim node kill node-1' };
    const entries = timeline([...log, rec(8, [kill])]);
    const row = entries.find((e) => e.seq === 8)!;
    expect(timelineRow(row)).toEqual(['2024-05-01T09:00:08Z', 'node/node-1', '-', '-', 'node-1', 'node-1 killed by user:kubesim (SIGKILL of its kubelet)', 'user:kubesim']);
    expect(selectsEntry({ node: 'node-1' }, row)).toBe(true);
    expect(selectsEntry({ node: 'node-2' }, row)).toBe(false);
  });

  it('ends a deleted pod’s story with (deleted)', () => {
    expect(timeline(log).filter((e) => e.pod === 'db').map((e) => e.status)).toEqual(['Pending', '(deleted)']);
  });

  it('groups entries per pod, in order of first appearance', () => {
    expect(perPod(timeline(log)).map((e) => `${e.pod}@${e.seq}`)).toEqual(['web@2', 'web@5', 'web@6', 'db@3', 'db@7']);
  });

  it.each([
    ['--pod', { pod: 'db' }, ['db@3', 'db@7']],
    ['--pod with namespace', { pod: 'default/web' }, ['web@2', 'web@5', 'web@6']],
    ['--node', { node: 'node-1' }, ['web@5', 'web@6']],
    ['--namespace', { namespace: 'other' }, []],
    ['--since SEQ', { since: parsePoint('5', '--since') }, ['web@5', 'web@6', 'db@7']],
    ['--until TIME', { until: parsePoint('2024-05-01T09:00:06Z', '--until') }, ['web@2', 'db@3', 'web@5', 'web@6']],
  ])('filters with %s', (_name, filter, expected) => {
    expect(timeline(log).filter((e) => selectsEntry(filter, e)).map((e) => `${e.pod}@${e.seq}`)).toEqual(expected);
  });

  it('refuses a point that is neither a sequence nor a time', () => {
    expect(() => parsePoint('yesterday', '--at')).toThrow('--at: expected a sequence number or a time');
  });
});
