import type { Pod, PodStatus } from '@kubesim/api';
import { SCHEMA_VERSION, Store, type ClusterEvent } from '@kubesim/core';
import { aNode, aPod, nodeCondition, nodeRegistered, podBound, podCreated, podStatusReported } from '@kubesim/testing';
import { HistoryIndex } from './history-index';

const at = (s: number) => new Date(Date.UTC(2024, 4, 1, 9, 0, s)).toISOString();
const rec = (seq: number, events: ClusterEvent[]) => ({ seq, time: Date.parse(at(seq)), record: { v: SCHEMA_VERSION, events: events.map((e) => ({ ...e, at: at(seq) })) } });
const phase = (p: string): PodStatus => ({ phase: p } as never);

/** 3 nodes, then pods created, bound and reported Running, one record each. */
function aLog(pods: number) {
  const out = [rec(1, nodeRegistered(aNode('node-1'))), rec(2, nodeRegistered(aNode('node-2')))];
  for (let i = 0; i < pods; i++) {
    const n = out.length;
    out.push(rec(n + 1, podCreated(aPod(`p${i}`))), rec(n + 2, podBound(`p${i}`, `node-${(i % 2) + 1}`)), rec(n + 3, podStatusReported(`p${i}`, phase('Running'))));
  }
  return out;
}

function replayTo(log: ReturnType<typeof aLog>, seq: number): Store {
  const s = new Store();
  for (const r of log) if (r.seq <= seq) s.apply(r.seq, r.record);
  return s;
}

const objects = (entries: Iterable<[string, unknown]>) => Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b)));

describe('HistoryIndex', () => {
  const log = aLog(20);
  const index = new HistoryIndex(7);
  for (const r of log) index.add(r);

  it.each([0, 1, 6, 7, 8, 14, 30, 61, 62])('the state at seq %i is what replaying the log up to it gives', (seq) => {
    const v = index.viewAt(seq);
    expect(objects(v.entries())).toEqual(objects(replayTo(log, seq).objects));
    expect(v.seq).toBe(Math.min(seq, 62));
    expect([...v.list('Pod')].length).toBe([...replayTo(log, seq).list('Pod')].length);
  });

  it('leaves its checkpoints as they were when a point is computed from one', () => {
    expect(index.viewAt(20).get({ kind: 'Pod', namespace: 'default', name: 'p5' })).toBeDefined();
    expect(index.viewAt(14).get({ kind: 'Pod', namespace: 'default', name: 'p5' })).toBeUndefined();
    expect((index.viewAt(16).get({ kind: 'Pod', namespace: 'default', name: 'p4' }) as Pod).spec.nodeName).toBe('node-1');
    expect((index.viewAt(15).get({ kind: 'Pod', namespace: 'default', name: 'p4' }) as Pod).spec.nodeName).toBeUndefined();
  });

  it('finds the point of a time as `replay --at TIME` does: the last record at or before it', () => {
    expect(index.seqAt({ time: Date.parse(at(10)) + 500 })).toBe(10);
    expect(index.seqAt({ time: Date.parse(at(0)) })).toBe(0);
    expect(index.seqAt({ seq: 1000 })).toBe(62);
  });

  it("keeps each pod's timeline, as `kubesim replay --pod`", () => {
    expect(index.podTimeline('default', 'p1').map((e) => [e.seq, e.status, e.node])).toEqual([
      [6, 'Pending', ''],
      [8, 'Running', 'node-2'],
    ]);
    const pod = index.viewAt(8).get({ kind: 'Pod', namespace: 'default', name: 'p1' }) as Pod;
    expect(pod.spec.nodeName).toBe('node-2');
  });

  it('refuses records out of order', () => {
    expect(() => index.add(rec(5, []))).toThrow(/out of order/);
  });
});

describe('HistoryIndex: a node’s transitions', () => {
  const ev = (e: object) => [{ by: 'spec', at: at(0), ...e }] as ClusterEvent[];
  const log = [
    rec(1, nodeRegistered(aNode('node-1'))),
    rec(2, nodeRegistered(aNode('node-2'))),
    rec(3, ev({ type: 'NodeConditionChanged', name: 'node-2', condition: nodeCondition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'again') })),
    rec(4, ev({ type: 'NodeProcessAction', name: 'node-2', action: 'kill', timeScale: 1 })),
    rec(5, ev({ type: 'NodeConditionChanged', name: 'node-2', condition: nodeCondition('Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.') })),
    rec(6, ev({ type: 'NodeSpecChanged', name: 'node-2', spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] } })),
    rec(7, ev({ type: 'NodeSpecChanged', name: 'node-1', spec: { unschedulable: true } })),
    rec(8, ev({ type: 'NodeSpecChanged', name: 'node-1', spec: { unschedulable: true } })),
  ];
  const index = new HistoryIndex();
  for (const r of log) index.add(r);

  it('are its registration, a user’s kubesim node action, STATUS changes and taint changes; not a write that changed neither', () => {
    expect(index.nodeTransitions('node-2')).toEqual([2, 4, 5, 6]);
    expect(index.nodeTransitions('node-1')).toEqual([1, 7]);
    expect(index.nodeTransitions('node-9')).toEqual([]);
  });
});
