import { Store, type Change } from '@kubesim/core';
import type { EventLog, Follower } from './event-log';

/** How many changes are kept for watches that resume from a resourceVersion. */
export const WATCH_HISTORY = 20_000;

/**
 * The apiserver's projection of the log: rebuilt from the stream at start, then kept current by
 * following it (the apiserver's own appends come back this way too). Watchers get every change.
 */
export class Projection {
  readonly store = new Store();
  private readonly history: Change[] = [];
  private readonly listeners = new Set<(c: Change) => void>();
  private readonly waiters: { seq: number; resolve: () => void }[] = [];
  private follower?: Follower;

  constructor(private readonly log: EventLog) {}

  /** Replays the whole stream; resolves when the state is current. */
  async start(): Promise<void> {
    this.follower = await this.log.follow(1, (r) => {
      const change = this.store.apply(r.seq, r.record);
      if (change) {
        this.history.push(change);
        if (this.history.length > WATCH_HISTORY) this.history.splice(0, this.history.length - WATCH_HISTORY);
        for (const l of this.listeners) l(change);
      }
      this.wake();
    });
    await this.follower.caughtUp;
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
  }

  get seq(): number {
    return this.store.seq;
  }

  /** Resolves once the projection has applied `seq`. */
  waitFor(seq: number): Promise<void> {
    if (this.store.seq >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  private wake() {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].seq <= this.store.seq) {
        this.waiters[i].resolve();
        this.waiters.splice(i, 1);
      }
    }
  }

  /**
   * Changes after `seq`, or undefined when `seq` is older than the kept history (410 Expired).
   */
  changesSince(seq: number): Change[] | undefined {
    const oldest = this.history[0];
    if (oldest && seq < oldest.seq - 1 && this.history.length >= WATCH_HISTORY) return undefined;
    return this.history.filter((c) => c.seq > seq);
  }

  oldestSeq(): number {
    return this.history[0]?.seq ?? this.store.seq;
  }

  subscribe(listener: (c: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
