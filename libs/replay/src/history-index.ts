import type { Kind, KubeObject } from '@kubesim/api';
import { evolve, keyOfEvent, keyString, type ClusterView, type ObjectKey } from '@kubesim/core';
import type { StoredRecord } from '@kubesim/eventlog';
import { recordTime, type Point } from './filters';
import { looksOf, nodesChanged } from './node-transitions';
import { TimelineBuilder, type TimelineEntry } from './timeline';

/** How many records apart the checkpoints of a `HistoryIndex` are, unless told. */
export const CHECKPOINT_EVERY = 1_000;

type Rec = Pick<StoredRecord, 'seq' | 'time' | 'record'> & { subject?: string };

/**
 * The whole log in memory, for moving back and forth in it: every record, a copy of the state
 * every `every` records (evolve never mutates an object, so a checkpoint is a copy of the map of
 * objects, not of the objects), and each pod's timeline as `kubesim replay` builds it. The state
 * at any point is then a checkpoint plus fewer than `every` records through the same evolve
 * (`Store.apply`), exactly what `kubesim replay --at` computes from the start.
 */
export class HistoryIndex {
  private readonly records: Rec[] = [];
  private readonly times: number[] = [];
  private readonly checkpoints: { seq: number; index: number; byKind: Map<string, Map<string, KubeObject>> }[] = [];
  private readonly timeline = new TimelineBuilder();
  private readonly byPod = new Map<string, TimelineEntry[]>();
  /** Per node, the sequences of the records that changed how it looks (`nodeTransitions`). */
  private readonly byNode = new Map<string, number[]>();

  constructor(private readonly every = CHECKPOINT_EVERY) {}

  get length(): number {
    return this.records.length;
  }

  get firstSeq(): number {
    return this.records[0]?.seq ?? 0;
  }

  get lastSeq(): number {
    return this.records[this.records.length - 1]?.seq ?? 0;
  }

  /** Appends the next record of the log; returns the timeline entries it made. */
  add(r: Rec): TimelineEntry[] {
    const prev = this.records[this.records.length - 1];
    if (prev && r.seq <= prev.seq) throw new Error(`record ${r.seq} after ${prev.seq}: records out of order`);
    this.records.push(r);
    this.times.push(recordTime(r));
    const before = looksOf(r.record.events, this.timeline.store);
    const entries = this.timeline.apply(r);
    for (const name of nodesChanged(r.record.events, before, looksOf(r.record.events, this.timeline.store))) {
      let seqs = this.byNode.get(name);
      if (!seqs) this.byNode.set(name, (seqs = []));
      seqs.push(r.seq);
    }
    for (const e of entries) {
      const k = `${e.namespace}/${e.pod}`;
      let list = this.byPod.get(k);
      if (!list) this.byPod.set(k, (list = []));
      list.push(e);
    }
    if (this.records.length % this.every === 0) this.checkpoints.push({ seq: r.seq, index: this.records.length - 1, byKind: byKind(this.timeline.store.objects) });
    return entries;
  }

  /** Every record, in order (an export of the log so far). */
  all(): Iterable<Rec> {
    return this.records;
  }

  /** When the record at `seq` (or the last one before it) happened. */
  timeOf(seq: number): number | undefined {
    const i = this.indexAt(seq);
    return i < 0 ? undefined : this.times[i];
  }

  /**
   * The sequence `kubesim replay --at` stops at: the last record at or before `p` (by sequence,
   * or by time — reading in order, up to the first record after it). 0 before the first record.
   */
  seqAt(p: Point): number {
    if ('seq' in p) {
      const i = this.indexAt(p.seq);
      return i < 0 ? 0 : this.records[i].seq;
    }
    let i = 0;
    while (i < this.times.length && this.times[i] <= p.time) i++;
    return i === 0 ? 0 : this.records[i - 1].seq;
  }

  /**
   * The state right after the record at `seq` (or the last before it): the checkpoint at or
   * before it, shared, under the objects the records after it changed (each record folded
   * through `evolve` as `Store.apply` does). Nothing is copied, so this costs the records since
   * the checkpoint, not the size of the cluster.
   */
  viewAt(seq: number): PointInLog {
    const last = this.indexAt(seq);
    let c = -1;
    for (let lo = 0, hi = this.checkpoints.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if (this.checkpoints[mid].index <= last) (c = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    const cp = this.checkpoints[c];
    const view = new PointInLog(cp?.byKind ?? new Map(), cp?.seq ?? 0);
    for (let i = cp ? cp.index + 1 : 0; i <= last; i++) view.apply(this.records[i].seq, this.records[i].record.events);
    return view;
  }

  /** A pod's timeline (`namespace/name`, every pod of that name in turn), as `kubesim replay --pod`. */
  podTimeline(namespace: string, name: string): TimelineEntry[] {
    return this.byPod.get(`${namespace}/${name}`) ?? [];
  }

  /** The sequences at which node `name` changed its STATUS or taints, or a user acted on it. */
  nodeTransitions(name: string): readonly number[] {
    return this.byNode.get(name) ?? [];
  }

  /** Index of the last record with a sequence ≤ `seq`, -1 if none. */
  private indexAt(seq: number): number {
    let lo = 0;
    let hi = this.records.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.records[mid].seq <= seq) (found = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    return found;
  }
}

function byKind(objects: Map<string, KubeObject>): Map<string, Map<string, KubeObject>> {
  const out = new Map<string, Map<string, KubeObject>>();
  for (const [k, o] of objects) {
    let m = out.get(o.kind);
    if (!m) out.set(o.kind, (m = new Map()));
    m.set(k, o);
  }
  return out;
}

/** The cluster at one point of the log (`HistoryIndex.viewAt`): read-only, as views read a store. */
export class PointInLog implements ClusterView {
  private readonly changed = new Map<string, KubeObject | undefined>();

  constructor(
    private readonly base: Map<string, Map<string, KubeObject>>,
    /** The last sequence applied. */
    public seq: number,
  ) {}

  /** One record, as `Store.apply`: every event folded into the object the first one is about. */
  apply(seq: number, events: readonly Parameters<typeof evolve>[1][]): void {
    this.seq = seq;
    if (events.length === 0) return;
    const key = keyOfEvent(events[0]);
    const k = keyString(key);
    let o = this.lookup(key.kind, k);
    for (const e of events) o = evolve(o, e, seq);
    this.changed.set(k, o);
  }

  private lookup(kind: string, k: string): KubeObject | undefined {
    return this.changed.has(k) ? this.changed.get(k) : this.base.get(kind)?.get(k);
  }

  get(key: ObjectKey): KubeObject | undefined {
    return this.lookup(key.kind, keyString(key));
  }

  *list(kind: Kind): Iterable<KubeObject> {
    for (const [k, o] of this.base.get(kind) ?? []) if (!this.changed.has(k)) yield o;
    for (const o of this.changed.values()) if (o?.kind === kind) yield o;
  }

  /** Every object, by key. */
  *entries(): Iterable<[string, KubeObject]> {
    for (const m of this.base.values()) for (const [k, o] of m) if (!this.changed.has(k)) yield [k, o];
    for (const [k, o] of this.changed) if (o) yield [k, o];
  }

  findEvent(): undefined {
    return undefined; // only `decide` correlates Events, and nothing decides on the past
  }
}
