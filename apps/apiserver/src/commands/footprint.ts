import { eventCorrelationKey, keyString, type ClusterEvent, type ClusterView, type ObjectKey } from '@kubesim/core';
import type { Kind, KubeEvent, KubeObject } from '@kubesim/api';

/**
 * What one decision depended on and what it changes: the objects it read (by `keyString`, present
 * or absent), the kinds it listed (a quota's usage, free NodePorts, a new node's podCIDR), and the
 * objects and kinds its events write. Two decisions may be appended concurrently when neither
 * reads or writes what the other writes (see the write gate).
 */
export interface Footprint {
  readonly reads: ReadonlySet<string>;
  readonly listed: ReadonlySet<Kind>;
  readonly writes: ReadonlySet<string>;
  readonly writtenKinds: ReadonlySet<Kind>;
}

/** A lookup of an Event by correlation that found nothing reads this pseudo-key; an Event recorded with it writes it. */
const correlation = (key: string) => `~event\u0000${key}`;

/**
 * A ClusterView that notes every read: `decide` and admission run against it, so a command's
 * read set is exactly what its decision looked at, with no list of rules per command to keep true.
 */
export class RecordingView implements ClusterView {
  readonly reads = new Set<string>();
  readonly listed = new Set<Kind>();

  constructor(private readonly view: ClusterView) {}

  get(key: ObjectKey): KubeObject | undefined {
    this.reads.add(keyString(key));
    return this.view.get(key);
  }

  list(kind: Kind): Iterable<KubeObject> {
    this.listed.add(kind);
    return this.view.list(kind);
  }

  findEvent(correlationKey: string): KubeEvent | undefined {
    const found = this.view.findEvent(correlationKey);
    this.reads.add(found ? keyString({ kind: 'Event', namespace: found.metadata.namespace ?? '', name: found.metadata.name }) : correlation(correlationKey));
    return found;
  }

  /** The footprint of a decision made against this view that writes `groups` (none when it failed). */
  footprint(groups: readonly { key: ObjectKey; events: readonly ClusterEvent[] }[]): Footprint {
    const writes = new Set<string>();
    const writtenKinds = new Set<Kind>();
    for (const g of groups) {
      writes.add(keyString(g.key));
      writtenKinds.add(g.key.kind);
      for (const e of g.events) if (e.type === 'EventRecorded') writes.add(correlation(eventCorrelationKey(e.event)));
    }
    return { reads: this.reads, listed: this.listed, writes, writtenKinds };
  }
}

/** Whether a decision with footprint `later` depends on, or overwrites, what `earlier` writes. */
export function dependsOn(later: Footprint, earlier: Footprint): boolean {
  for (const k of earlier.writes) if (later.reads.has(k) || later.writes.has(k)) return true;
  for (const k of earlier.writtenKinds) if (later.listed.has(k)) return true;
  return false;
}
