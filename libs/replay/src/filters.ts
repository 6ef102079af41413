import type { StoredRecord } from '@kubesim/eventlog';
import type { TimelineEntry } from './timeline';

/** A point in the log: a stream sequence, or a wall-clock time (ms since the epoch). */
export type Point = { seq: number } | { time: number };

export interface TimelineFilter {
  /** `name` or `namespace/name`. */
  pod?: string;
  node?: string;
  namespace?: string;
  since?: Point;
  until?: Point;
}

export function parsePoint(s: string, flag: string): Point {
  if (/^\d+$/.test(s)) return { seq: Number(s) };
  const time = Date.parse(s);
  if (!Number.isFinite(time)) throw new Error(`${flag}: expected a sequence number or a time (RFC 3339, e.g. 2026-11-28T12:03:07Z), got "${s}"`);
  return { time };
}

/** Whether `(seq, at)` is at or after `p` (`after`), or at or before it. */
function within(p: Point | undefined, seq: number, at: number, side: 'since' | 'until'): boolean {
  if (!p) return true;
  const v = 'seq' in p ? seq : at;
  const bound = 'seq' in p ? p.seq : p.time;
  return side === 'since' ? v >= bound : v <= bound;
}

export function selectsEntry(f: TimelineFilter, e: TimelineEntry): boolean {
  if (f.namespace !== undefined && e.namespace !== f.namespace) return false;
  if (f.pod !== undefined && f.pod !== e.pod && f.pod !== `${e.namespace}/${e.pod}`) return false;
  if (f.node !== undefined && e.node !== f.node) return false;
  const at = Date.parse(e.at);
  return within(f.since, e.seq, at, 'since') && within(f.until, e.seq, at, 'until');
}

/** When a record happened: its first event's time (the domain's clock), else when it was stored. */
export function recordTime(r: Pick<StoredRecord, 'time' | 'record'>): number {
  const at = r.record.events[0]?.at;
  const t = at ? Date.parse(at) : NaN;
  return Number.isFinite(t) ? t : r.time;
}

/** Whether the record is at or before `p` (for `--at`). */
export function upTo(p: Point, r: Pick<StoredRecord, 'seq' | 'time' | 'record'>): boolean {
  return within(p, r.seq, recordTime(r), 'until');
}
