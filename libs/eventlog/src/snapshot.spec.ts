import { SCHEMA_VERSION, Store, type ClusterEvent, type LogRecord } from '@kubesim/core';
import { readSnapshot, restoreStore, SNAPSHOT_FORMAT, SnapshotRejectedError, takeSnapshot } from './snapshot';

const at = '2026-01-01T00:00:00Z';
const ns = (name: string): ClusterEvent => ({
  type: 'NamespaceCreated',
  namespace: { kind: 'Namespace', apiVersion: 'v1', metadata: { name, uid: name, creationTimestamp: at }, spec: {}, status: { phase: 'Active' } } as never,
  at,
  by: 'test',
});
const node = (name: string): ClusterEvent => ({
  type: 'NodeRegistered',
  node: { kind: 'Node', apiVersion: 'v1', metadata: { name, uid: name, creationTimestamp: at }, spec: {}, status: { conditions: [] } } as never,
  at,
  by: 'test',
});
const record = (...events: ClusterEvent[]): LogRecord => ({ v: SCHEMA_VERSION, events });
const stream = { name: 'KUBESIM', created: '2026-01-01T00:00:00.000Z', lastSeq: 10 };

function replay(records: LogRecord[]): Store {
  const s = new Store();
  records.forEach((r, i) => s.apply(i + 1, r));
  return s;
}

describe('projection snapshots', () => {
  const log = [record(ns('default')), record(node('node-1')), record(node('node-2')), record({ type: 'NodeDeleted', name: 'node-1', at, by: 'test' }), record(ns('kube-system'))];

  it('restores exactly the store a full replay builds, at the same sequence', () => {
    const full = replay(log);
    const restored = restoreStore(readSnapshot(JSON.stringify(takeSnapshot(full, stream, at)), stream));
    expect(restored.seq).toBe(5);
    expect([...restored.objects.entries()]).toEqual([...full.objects.entries()]);
    expect([...restored.list('Node')]).toEqual([...full.list('Node')]);
  });

  it('a restored store applies the tail as a full replay does', () => {
    const head = replay(log.slice(0, 3));
    const restored = restoreStore(readSnapshot(JSON.stringify(takeSnapshot(head, stream, at)), stream));
    log.slice(3).forEach((r, i) => restored.apply(4 + i, r));
    expect([...restored.objects.entries()]).toEqual([...replay(log).objects.entries()]);
  });

  const good = () => takeSnapshot(replay(log), stream, at);
  it.each([
    ['corrupt JSON', JSON.stringify(good()).slice(0, 40), /corrupt/],
    ['not a snapshot', '[1,2]', /corrupt/],
    ['an object without a name', JSON.stringify({ ...good(), objects: [{ kind: 'Pod', metadata: {} }] }), /corrupt/],
    ['another format', JSON.stringify({ ...good(), format: SNAPSHOT_FORMAT + 1 }), /snapshot format 2/],
    ['another schema version', JSON.stringify({ ...good(), schema: SCHEMA_VERSION + 1 }), new RegExp(`schema version ${SCHEMA_VERSION + 1}`)],
    ['another stream', JSON.stringify({ ...good(), streamCreated: '2025-01-01T00:00:00Z' }), /another stream/],
    ['a sequence beyond the log', JSON.stringify({ ...good(), seq: 11 }), /beyond the log's last \(10\)/],
  ])('is refused when %s', (_name, data, message) => {
    expect(() => readSnapshot(data, stream)).toThrow(SnapshotRejectedError);
    expect(() => readSnapshot(data, stream)).toThrow(message);
  });
});
