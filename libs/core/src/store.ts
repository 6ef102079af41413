import { shapeProblem } from './object-shape';
import { syncCustomResources, type KubeObject } from '@kubesim/api';
import { SCHEMA_VERSION, type ClusterEvent, type LogRecord } from './events';
import { isKnownEventType } from './event-types';
import { evolve } from './evolve';
import { keyOfEvent, keyString, type ObjectKey } from './object-key';
import { Tombstones } from './tombstones';
import { MapView } from './view';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** What a watcher sees: one per applied record that changed an object. */
export interface Change {
  type: ChangeType;
  object: KubeObject;
  seq: number;
  events: ClusterEvent[];
}

export class UnknownSchemaVersionError extends Error {
  constructor(readonly version: unknown, readonly seq: number) {
    super(`log record ${seq} has schema version ${String(version)}; this kubesim reads version ${SCHEMA_VERSION} (upgrade kubesim or import a log it wrote)`);
  }
}

export class UnknownEventTypeError extends Error {
  constructor(readonly eventType: unknown, readonly seq: number) {
    super(`log record ${seq} has an event of type ${JSON.stringify(eventType)} this kubesim does not know (written by a newer kubesim? upgrade kubesim)`);
  }
}

export class CorruptRecordError extends Error {
  constructor(readonly seq: number, detail: string) {
    super(`log record ${seq} is not a kubesim record: ${detail}`);
  }
}

/** Parses and checks one stream message. */
export function parseRecord(data: string, seq: number): LogRecord {
  let r: unknown;
  try {
    r = JSON.parse(data);
  } catch (e) {
    throw new CorruptRecordError(seq, (e as Error).message);
  }
  return checkRecord(r, seq);
}

/** Checks a parsed stream message: this kubesim's schema version, event types it knows. */
export function checkRecord(r: unknown, seq: number): LogRecord {
  const rec = r as LogRecord;
  if (typeof rec !== 'object' || rec === null) throw new CorruptRecordError(seq, `expected an object, got ${JSON.stringify(r)}`);
  if (rec.v !== SCHEMA_VERSION) throw new UnknownSchemaVersionError(rec.v, seq);
  if (!Array.isArray(rec.events)) throw new CorruptRecordError(seq, 'it has no events array');
  for (const e of rec.events as unknown[]) {
    const type = (e as { type?: unknown } | null)?.type;
    if (!isKnownEventType(type)) throw new UnknownEventTypeError(type, seq);
  }
  return rec;
}

/** How many deleted objects' last sequences a store remembers. */
export const MAX_TOMBSTONES = 10_000;

/** The in-memory projection of the log: objects by key, and the last sequence applied. */
export class Store extends MapView {
  seq = 0;
  /**
   * The last sequence of objects that were deleted: re-creating one must expect it (its subject
   * keeps its history), not 0. Only the latest MAX_TOMBSTONES (up to twice as many) are kept (every
   * expired Event and deleted pod leaves one); for an older name the command bus asks JetStream
   * after a conflict.
   */
  readonly tombstones = new Tombstones(MAX_TOMBSTONES);

  /** Where a record whose object has the wrong shape is said before it is skipped (a projection sets its logger). */
  onMalformed: (seq: number, key: string, problem: string) => void = (seq, key, problem) => console.warn(`skipping record ${seq} (${key}): malformed object: ${problem}`);

  /** A CRD changed: the custom resources this process serves follow (the registry's run-time half). */
  protected override put(key: string, old: KubeObject | undefined, o: KubeObject): void {
    super.put(key, old, o);
    if (o.kind === 'CustomResourceDefinition') syncCustomResources(this.list('CustomResourceDefinition'));
  }

  protected override drop(key: string, o: KubeObject): void {
    super.drop(key, o);
    if (o.kind === 'CustomResourceDefinition') syncCustomResources(this.list('CustomResourceDefinition'));
  }

  /** The expected last subject sequence for a write to `key`: its resourceVersion, its tombstone, or 0. */
  lastSeqOf(key: ObjectKey): number {
    const o = this.get(key);
    return o ? Number(o.metadata.resourceVersion) : (this.tombstones.get(keyString(key)) ?? 0);
  }

  /**
   * Applies the record written at `seq`. Returns what a watcher sees, unless `withChange` is false
   * (a long replay skips building changes no one will ask for).
   */
  apply(seq: number, record: LogRecord, withChange = true): Change | undefined {
    this.seq = seq;
    const events = record.events;
    if (events.length === 0) return undefined;
    const key = keyString(keyOfEvent(events[0]));
    const before = this.objects.get(key);
    let after = before;
    for (let i = 0; i < events.length; i++) after = evolve(after, events[i], seq);
    const problem = after ? shapeProblem(after) : undefined;
    if (problem) {
      // Not folded in: the object keeps its last good state (at this sequence, so the next write
      // expects it), or stays absent with a tombstone, and no reader ever meets the malformed one.
      this.onMalformed(seq, key, problem);
      if (before) this.put(key, before, { ...before, metadata: { ...before.metadata, resourceVersion: String(seq) } } as KubeObject);
      else this.tombstones.set(key, seq);
      return undefined;
    }
    if (after) {
      this.put(key, before, after);
      // A live object has no tombstone: only a re-created one may.
      if (!before) this.tombstones.delete(key);
    } else {
      if (before) this.drop(key, before);
      this.tombstones.set(key, seq);
    }
    if (!withChange) return undefined;
    if (!before && after) return { type: 'ADDED', object: after, seq, events };
    if (before && after) return { type: 'MODIFIED', object: after, seq, events };
    if (before && !after) {
      return { type: 'DELETED', object: { ...before, metadata: { ...before.metadata, resourceVersion: String(seq) } } as KubeObject, seq, events };
    }
    return undefined;
  }
}

/** Splits a decision's events into per-object writes, keeping their order. */
export function groupByObject(events: ClusterEvent[]): { key: ObjectKey; events: ClusterEvent[] }[] {
  const groups: { key: ObjectKey; events: ClusterEvent[] }[] = [];
  for (const e of events) {
    const key = keyOfEvent(e);
    const last = groups[groups.length - 1];
    if (last && keyString(last.key) === keyString(key)) last.events.push(e);
    else groups.push({ key, events: [e] });
  }
  return groups;
}
