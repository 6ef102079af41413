import { aPod, given, namespaceCreated, podBound, podCreated } from '@kubesim/testing';
import type { ClusterEvent } from './events';
import { SCHEMA_VERSION } from './events';
import { CorruptRecordError, groupByObject, MAX_TOMBSTONES, parseRecord, Store, UnknownEventTypeError, UnknownSchemaVersionError } from './store';
import { getPod } from './view';

const record = (events: ClusterEvent[]) => ({ v: SCHEMA_VERSION, events });
const podDeleted: ClusterEvent[] = [{ at: '2024-05-01T10:00:00Z', by: 'spec', type: 'PodDeleted', namespace: 'default', name: 'x', phase: 'Running' }];

describe('Store.apply: what a watcher sees', () => {
  it('ADDED for a new object, at resourceVersion = the record sequence', () => {
    const store = new Store();
    const change = store.apply(7, record(podCreated(aPod('x'))));
    expect(change).toMatchObject({ type: 'ADDED', seq: 7, object: { kind: 'Pod', metadata: { name: 'x', resourceVersion: '7' } } });
    expect(store.seq).toBe(7);
  });

  it('MODIFIED for a change, carrying the events that made it', () => {
    const store = new Store();
    store.apply(7, record(podCreated(aPod('x'))));
    const bound = podBound('x', 'node-1');
    expect(store.apply(8, record(bound))).toEqual({
      type: 'MODIFIED',
      seq: 8,
      events: bound,
      object: expect.objectContaining({ metadata: expect.objectContaining({ resourceVersion: '8' }), spec: expect.objectContaining({ nodeName: 'node-1' }) }),
    });
  });

  it('DELETED for a removal: the last state, stamped with the sequence of the deletion', () => {
    const store = new Store();
    store.apply(7, record(podCreated(aPod('x'))));
    store.apply(8, record(podBound('x', 'node-1')));
    const change = store.apply(9, record(podDeleted));
    expect(change).toMatchObject({ type: 'DELETED', seq: 9, object: { metadata: { name: 'x', resourceVersion: '9' }, spec: { nodeName: 'node-1' } } });
    expect(getPod(store, 'default', 'x')).toBeUndefined();
  });

  it('nothing for an empty record, but the sequence still advances', () => {
    const store = new Store();
    expect(store.apply(4, record([]))).toBeUndefined();
    expect(store.seq).toBe(4);
  });

  it('nothing for events about an object that does not exist', () => {
    const store = new Store();
    expect(store.apply(1, record(podBound('ghost', 'node-1')))).toBeUndefined();
    expect(store.apply(2, record(podDeleted))).toBeUndefined();
    expect([...store.list('Pod')]).toEqual([]);
  });

  it('keeps namespaces, pods and their events apart by kind and namespace', () => {
    const store = new Store();
    store.apply(1, record(namespaceCreated('x')));
    store.apply(2, record(podCreated(aPod('x'))));
    expect([...store.list('Namespace')].map((o) => o.metadata.name)).toEqual(['x']);
    expect([...store.list('Pod')].map((o) => o.metadata.name)).toEqual(['x']);
  });
});

describe('parseRecord', () => {
  it('reads a record of this schema version', () => {
    const r = record(podBound('x', 'node-1'));
    expect(parseRecord(JSON.stringify(r), 3)).toEqual(r);
  });

  it.each([
    ['a newer version', 2, 'log record 12 has schema version 2; this kubesim reads version 1 (upgrade kubesim or import a log it wrote)'],
    ['no version at all', undefined, 'log record 12 has schema version undefined; this kubesim reads version 1 (upgrade kubesim or import a log it wrote)'],
  ])('refuses %s, saying which record and which versions', (_case, v, message) => {
    const data = JSON.stringify({ v, events: [] });
    expect(() => parseRecord(data, 12)).toThrow(UnknownSchemaVersionError);
    expect(() => parseRecord(data, 12)).toThrow(message);
  });

  it('refuses an event type it does not know (a log from a newer kubesim) instead of misreading it', () => {
    const data = JSON.stringify({ v: SCHEMA_VERSION, events: [{ type: 'NodeTeleported', at: '2026-01-01T00:00:00Z', by: 't', name: 'n' }] });
    expect(() => parseRecord(data, 5)).toThrow(UnknownEventTypeError);
    expect(() => parseRecord(data, 5)).toThrow('log record 5 has an event of type "NodeTeleported" this kubesim does not know');
  });

  it.each([
    ['not JSON', '{"v":1,"events":[', /^log record 7 is not a kubesim record: .*JSON/],
    ['not an object', '42', 'log record 7 is not a kubesim record: expected an object, got 42'],
    ['without events', `{"v":${SCHEMA_VERSION}}`, 'log record 7 is not a kubesim record: it has no events array'],
  ])('refuses a record that is %s, naming it', (_case, data, message) => {
    expect(() => parseRecord(data, 7)).toThrow(CorruptRecordError);
    expect(() => parseRecord(data, 7)).toThrow(message);
  });
});

describe('groupByObject', () => {
  it("splits a decision into one write per object, in order (BindPod: the pod's two events, then the Scheduled event)", () => {
    const events = given(namespaceCreated(), podCreated(aPod('x')))
      .when({ type: 'BindPod', namespace: 'default', name: 'x', node: 'node-1' })
      .then([{ type: 'PodBound' }, { type: 'PodConditionSet' }, { type: 'EventRecorded' }]);
    const [bound, scheduledCondition, scheduledEvent] = events;
    expect(groupByObject(events)).toEqual([
      { key: { kind: 'Pod', namespace: 'default', name: 'x' }, events: [bound, scheduledCondition] },
      { key: { kind: 'Event', namespace: 'default', name: expect.stringMatching(/^x\./) }, events: [scheduledEvent] },
    ]);
  });
});

describe('Store tombstones', () => {
  it('remembers the last sequence of a deleted object, so re-creating it expects that sequence', () => {
    const store = new Store();
    const at = '2026-01-01T00:00:00Z';
    const key = { kind: 'Node' as const, namespace: '', name: 'n1' };
    store.apply(1, { v: SCHEMA_VERSION, events: [{ type: 'NodeRegistered', at, by: 't', node: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'u', resourceVersion: '', creationTimestamp: at }, spec: {}, status: { capacity: {}, allocatable: {}, conditions: [], addresses: [], nodeInfo: {} as never } } }] });
    expect(store.lastSeqOf(key)).toBe(1);
    store.apply(2, { v: SCHEMA_VERSION, events: [{ type: 'NodeDeleted', at, by: 't', name: 'n1' }] });
    expect(store.get(key)).toBeUndefined();
    expect(store.lastSeqOf(key)).toBe(2);
    expect(store.lastSeqOf({ kind: 'Node', namespace: '', name: 'never' })).toBe(0);
  });

  it(`keeps the latest ${MAX_TOMBSTONES} (up to twice as many); older names are asked of JetStream after a conflict`, () => {
    const store = new Store();
    const at = '2026-01-01T00:00:00Z';
    const deleteNode = (i: number) => store.apply(i, { v: SCHEMA_VERSION, events: [{ type: 'NodeDeleted', at, by: 't', name: `n${i}` }] });
    for (let i = 1; i < 2 * MAX_TOMBSTONES; i++) deleteNode(i);
    expect(store.tombstones.size).toBe(2 * MAX_TOMBSTONES - 1);
    deleteNode(2 * MAX_TOMBSTONES);
    expect(store.tombstones.size).toBe(MAX_TOMBSTONES);
    expect(store.lastSeqOf({ kind: 'Node', namespace: '', name: `n${MAX_TOMBSTONES}` })).toBe(0);
    expect(store.lastSeqOf({ kind: 'Node', namespace: '', name: `n${MAX_TOMBSTONES + 1}` })).toBe(MAX_TOMBSTONES + 1);
    expect(store.lastSeqOf({ kind: 'Node', namespace: '', name: `n${2 * MAX_TOMBSTONES}` })).toBe(2 * MAX_TOMBSTONES);
  });
});

describe('Store.apply: a record whose object has the wrong shape (forged, or from before validation)', () => {
  const malformed = (name: string): ClusterEvent[] => [{ at: '2024-05-01T10:00:00Z', by: 'attacker', type: 'PodCreated', pod: { ...aPod(name), metadata: { ...aPod(name).metadata, ownerReferences: 'x' as never } } }];

  it('is skipped and said: no reader meets the object, its name keeps a tombstone at the sequence', () => {
    const said: string[] = [];
    const store = new Store();
    store.onMalformed = (seq, key, problem) => said.push(`${seq} ${key}: ${problem}`);
    expect(store.apply(7, record(malformed('evil')))).toBeUndefined();
    expect(getPod(store, 'default', 'evil')).toBeUndefined();
    expect(store.seq).toBe(7);
    expect(store.lastSeqOf({ kind: 'Pod', namespace: 'default', name: 'evil' })).toBe(7);
    expect(said).toEqual(['7 Pod/default/evil: metadata.ownerReferences is not a list']);
  });

  it('over an existing object: its last good state stays, at the skipped sequence (the next write expects it)', () => {
    const store = new Store();
    store.onMalformed = () => undefined;
    store.apply(7, record(podCreated(aPod('x'))));
    const good = getPod(store, 'default', 'x')!.spec.tolerations;
    store.apply(8, record([{ at: '2024-05-01T10:00:00Z', by: 'attacker', type: 'PodTolerationsUpdated', namespace: 'default', name: 'x', tolerations: {} as never }]));
    const pod = getPod(store, 'default', 'x')!;
    expect(pod.spec.tolerations).toEqual(good);
    expect(pod.metadata.resourceVersion).toBe('8');
  });
});
