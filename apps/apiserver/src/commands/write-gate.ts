import { dependsOn, type Footprint } from './footprint';

const NOTHING: Footprint = { reads: new Set(), listed: new Set(), writes: new Set(), writtenKinds: new Set() };

interface Entry {
  readonly id: number;
  footprint: Footprint;
  /** Decided and being appended (until the projection has applied it). */
  appending: boolean;
  readonly done: Promise<void>;
  readonly finish: () => void;
}

/** One command's place in the gate, from its arrival to its answer. */
export interface Ticket {
  readonly id: number;
}

/**
 * Which commands may be appended at the same time (pure: no NATS, no clock). A command decides
 * against the projection, then asks for the commands it must wait for:
 * - every command being appended whose writes it read or writes (it decided on a state without
 *   them: it waits for them to reach the projection and decides again), and every kind it listed
 *   that such a command writes (a quota's usage, free ports, a name generated among existing ones);
 * - every older command still waiting to be appended that writes what it read or writes, or that
 *   read or listed what it writes (writes to one object keep their order of arrival, and a command
 *   that had to wait is not overtaken forever by newer writes to what it read).
 * Waits only go to a command being appended, which waits for nothing but the log, or to an older
 * one, so there is no cycle. Proof that this keeps every decision true: docs/decisions.md
 * ("A pipelined write path").
 */
export class WriteGate {
  private readonly entries = new Map<number, Entry>();
  private next = 0;

  /** A command arrives: its place in arrival order. */
  arrive(): Ticket {
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const entry: Entry = { id: this.next++, footprint: NOTHING, appending: false, done, finish };
    this.entries.set(entry.id, entry);
    return { id: entry.id };
  }

  /**
   * What the command must wait for before a decision with `footprint` may be appended (resolves
   * when they are answered); empty = append now. The footprint is kept so newer commands wait
   * behind it.
   */
  blockers(ticket: Ticket, footprint: Footprint): Promise<void>[] {
    const self = this.entry(ticket);
    self.footprint = footprint;
    const out: Promise<void>[] = [];
    for (const e of this.entries.values()) {
      if (e === self) continue;
      if (e.appending) {
        if (dependsOn(footprint, e.footprint)) out.push(e.done);
      } else if (e.id < self.id && (dependsOn(footprint, e.footprint) || dependsOn(e.footprint, footprint))) {
        // An older command waiting to decide again goes first, also when this one would write what
        // it read or listed: a steady stream of pod writes cannot starve a quota'd create.
        out.push(e.done);
      }
    }
    return out;
  }

  /** The decision is being appended: newer and older commands touching its writes wait for it. */
  appending(ticket: Ticket): void {
    this.entry(ticket).appending = true;
  }

  /** It lost a race (another writer of the log): it decides again, as a waiting command. */
  redeciding(ticket: Ticket): void {
    this.entry(ticket).appending = false;
  }

  /** Answered (written, refused or failed): whoever waited for it decides again. */
  leave(ticket: Ticket): void {
    const e = this.entries.get(ticket.id);
    if (!e) return;
    this.entries.delete(ticket.id);
    e.finish();
  }

  /** Commands between arrival and answer. */
  get size(): number {
    return this.entries.size;
  }

  private entry(ticket: Ticket): Entry {
    const e = this.entries.get(ticket.id);
    if (!e) throw new Error(`write gate: ticket ${ticket.id} has left`);
    return e;
  }
}
