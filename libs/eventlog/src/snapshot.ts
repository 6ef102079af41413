import type { KubeObject } from '@kubesim/api';
import { keyOfObject, keyString, SCHEMA_VERSION, Store } from '@kubesim/core';

/** Bumped when the snapshot's own layout changes (the events' schema is `schema`). */
export const SNAPSHOT_FORMAT = 1;

/**
 * The projection at one sequence: every object, in the store's order. It is only a cache of the
 * log: any doubt (another format or schema, another stream, a sequence the stream does not
 * have) and the log is replayed from the start instead.
 */
export interface Snapshot {
  format: number;
  schema: number;
  /** The stream it was taken from, and when that stream was created (a re-created stream is another log). */
  stream: string;
  streamCreated: string;
  seq: number;
  takenAt: string;
  objects: KubeObject[];
}

export class SnapshotRejectedError extends Error {}

export function takeSnapshot(store: Store, stream: { name: string; created: string }, takenAt: string): Snapshot {
  return { format: SNAPSHOT_FORMAT, schema: SCHEMA_VERSION, stream: stream.name, streamCreated: stream.created, seq: store.seq, takenAt, objects: [...store.objects.values()] };
}

/** Parses a stored snapshot and checks it belongs to this log; throws SnapshotRejectedError saying why not. */
export function readSnapshot(data: string, stream: { name: string; created: string; lastSeq: number }): Snapshot {
  let s: Snapshot;
  try {
    s = JSON.parse(data) as Snapshot;
  } catch (e) {
    throw new SnapshotRejectedError(`corrupt (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof s !== 'object' || s === null || !Array.isArray(s.objects) || !Number.isInteger(s.seq)) throw new SnapshotRejectedError('corrupt (not a snapshot)');
  if (s.format !== SNAPSHOT_FORMAT) throw new SnapshotRejectedError(`snapshot format ${String(s.format)}, this kubesim reads ${SNAPSHOT_FORMAT}`);
  if (s.schema !== SCHEMA_VERSION) throw new SnapshotRejectedError(`schema version ${String(s.schema)}, this kubesim reads ${SCHEMA_VERSION}`);
  if (s.stream !== stream.name || s.streamCreated !== stream.created) throw new SnapshotRejectedError(`taken from another stream (${s.stream} created ${s.streamCreated})`);
  if (s.seq > stream.lastSeq) throw new SnapshotRejectedError(`at sequence ${s.seq}, beyond the log's last (${stream.lastSeq})`);
  for (const o of s.objects) {
    if (!o || typeof o.kind !== 'string' || typeof o.metadata?.name !== 'string') throw new SnapshotRejectedError('corrupt (an object without kind or name)');
  }
  return s;
}

/** A store holding exactly what the snapshot holds, at its sequence. */
export function restoreStore(s: Snapshot, store = new Store(), accept: (o: KubeObject) => boolean = () => true): Store {
  for (const o of s.objects) if (accept(o)) store.set(keyString(keyOfObject(o)), o);
  store.seq = s.seq;
  return store;
}
