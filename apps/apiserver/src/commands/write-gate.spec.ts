import { MapView, keyString, type ClusterEvent, type ObjectKey } from '@kubesim/core';
import type { KubeObject } from '@kubesim/api';
import { dependsOn, RecordingView, type Footprint } from './footprint';
import { WriteGate } from './write-gate';

const pod = (name: string): ObjectKey => ({ kind: 'Pod', namespace: 'default', name });
const fp = (f: Partial<{ reads: string[]; listed: string[]; writes: ObjectKey[] }>): Footprint => ({
  reads: new Set(f.reads ?? []),
  listed: new Set((f.listed ?? []) as never[]),
  writes: new Set((f.writes ?? []).map(keyString)),
  writtenKinds: new Set((f.writes ?? []).map((k) => k.kind)),
});
const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
};

describe('RecordingView: a decision records what it read', () => {
  const store = new MapView();
  store.set(keyString(pod('a')), { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'a', namespace: 'default' } } as KubeObject);

  it('records objects read, present or absent, and kinds listed', () => {
    const v = new RecordingView(store);
    expect(v.get(pod('a'))?.metadata.name).toBe('a');
    expect(v.get(pod('gone'))).toBeUndefined();
    [...v.list('ResourceQuota')];
    const f = v.footprint([]);
    expect([...f.reads]).toEqual([keyString(pod('a')), keyString(pod('gone'))]);
    expect([...f.listed]).toEqual(['ResourceQuota']);
    expect(f.writes.size).toBe(0);
  });

  it('writes: every object of the groups and its kind; an Event recorded also writes its correlation', () => {
    const v = new RecordingView(store);
    const involvedObject = { kind: 'Pod', namespace: 'default', name: 'a' };
    expect(v.findEvent('k')).toBeUndefined();
    const recorded = { type: 'EventRecorded', event: { involvedObject, reason: 'Scheduled', message: 'm', source: { component: 'default-scheduler' } } } as unknown as ClusterEvent;
    const f = v.footprint([{ key: { kind: 'Event', namespace: 'default', name: 'a.1' }, events: [recorded] }]);
    expect(f.writtenKinds.has('Event')).toBe(true);
    expect(f.writes.size).toBe(2);
    // Two identical events decided concurrently: the second depends on the first (one Event, count 2).
    const other = new RecordingView(store);
    other.findEvent([...f.writes].find((w) => w.startsWith('~event'))!.slice('~event\u0000'.length));
    expect(dependsOn(other.footprint([]), f)).toBe(true);
  });
});

describe('dependsOn: which decisions may not overlap', () => {
  const writesA = fp({ writes: [pod('a')] });

  it('two writes of one object: the later depends on the earlier', () => {
    expect(dependsOn(fp({ reads: [keyString(pod('a'))], writes: [pod('a')] }), writesA)).toBe(true);
  });

  it('a read of an object being written depends on it', () => {
    expect(dependsOn(fp({ reads: [keyString(pod('a'))], writes: [pod('b')] }), writesA)).toBe(true);
  });

  it('listing a kind being written depends on it (a quota counting pods)', () => {
    expect(dependsOn(fp({ listed: ['Pod'], writes: [pod('b')] }), writesA)).toBe(true);
  });

  it('disjoint objects, other kinds listed: independent', () => {
    expect(dependsOn(fp({ reads: [keyString(pod('b'))], listed: ['ResourceQuota', 'LimitRange'], writes: [pod('b')] }), writesA)).toBe(false);
  });

  it('the earlier reading what the later writes is no dependency (the earlier is ordered first)', () => {
    expect(dependsOn(fp({ writes: [pod('b')] }), fp({ reads: [keyString(pod('b'))], listed: ['Pod'], writes: [pod('a')] }))).toBe(false);
  });
});

describe('WriteGate', () => {
  it('lets commands on disjoint objects be appended at once', () => {
    const gate = new WriteGate();
    const a = gate.arrive();
    const b = gate.arrive();
    expect(gate.blockers(a, fp({ writes: [pod('a')] }))).toHaveLength(0);
    gate.appending(a);
    expect(gate.blockers(b, fp({ writes: [pod('b')] }))).toHaveLength(0);
  });

  it('holds a write of an object back until the write being appended is answered', async () => {
    const gate = new WriteGate();
    const a = gate.arrive();
    gate.blockers(a, fp({ writes: [pod('a')] }));
    gate.appending(a);
    const b = gate.arrive();
    const blockers = gate.blockers(b, fp({ reads: [keyString(pod('a'))], writes: [pod('a')] }));
    expect(blockers).toHaveLength(1);
    expect(await settled(Promise.all(blockers))).toBe(false);
    gate.leave(a);
    expect(await settled(Promise.all(blockers))).toBe(true);
    expect(gate.blockers(b, fp({ reads: [keyString(pod('a'))], writes: [pod('a')] }))).toHaveLength(0);
  });

  it('keeps arrival order per object: a newer command waits behind an older waiting one, never the reverse', () => {
    const gate = new WriteGate();
    const older = gate.arrive();
    const newer = gate.arrive();
    expect(gate.blockers(older, fp({ reads: ['x'], writes: [pod('a')] }))).toHaveLength(0);
    // older has not started appending (e.g. it waits for something else): newer queues behind it …
    expect(gate.blockers(newer, fp({ writes: [pod('a')] }))).toHaveLength(1);
    // … and older never waits for newer while newer is only waiting: no cycle.
    expect(gate.blockers(older, fp({ writes: [pod('a')] }))).toHaveLength(0);
  });

  it('a waiting command is not starved: newer writes to a kind it listed queue behind it', () => {
    const gate = new WriteGate();
    const status = gate.arrive();
    gate.blockers(status, fp({ writes: [pod('a')] }));
    gate.appending(status);
    const quotaCreate = gate.arrive();
    // A create in a namespace with a pods quota lists pods: it waits for the pod write being appended …
    expect(gate.blockers(quotaCreate, fp({ listed: ['Pod'], writes: [pod('new')] }))).toHaveLength(1);
    // … and a newer pod write, which it would otherwise wait for again, waits behind it.
    const newer = gate.arrive();
    expect(gate.blockers(newer, fp({ reads: [keyString(pod('b'))], writes: [pod('b')] }))).toHaveLength(1);
    gate.leave(status);
    expect(gate.blockers(quotaCreate, fp({ listed: ['Pod'], writes: [pod('new')] }))).toHaveLength(0);
  });

  it('a command that lost a race decides again as a waiting command', () => {
    const gate = new WriteGate();
    const a = gate.arrive();
    gate.blockers(a, fp({ writes: [pod('a')] }));
    gate.appending(a);
    gate.redeciding(a);
    const b = gate.arrive();
    // b is newer than a: it still waits behind a's last decision …
    expect(gate.blockers(b, fp({ writes: [pod('a')] }))).toHaveLength(1);
    // … and a, re-deciding, is not held back by the newer b.
    expect(gate.blockers(a, fp({ writes: [pod('a')] }))).toHaveLength(0);
  });

  it('forgets a command once answered', () => {
    const gate = new WriteGate();
    const a = gate.arrive();
    expect(gate.size).toBe(1);
    gate.leave(a);
    gate.leave(a);
    expect(gate.size).toBe(0);
    expect(() => gate.blockers(a, fp({}))).toThrow(/has left/);
  });
});
