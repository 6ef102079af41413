import { keyOfObject, Store, subjectOf, type Change } from '@kubesim/core';
import type { EventLog, Follower } from './event-log';
import { restoreStore, type Snapshot } from './snapshot';

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
  /** Watches from before this sequence cannot be served (the changes were folded into a snapshot). */
  private historyFloor = 0;

  constructor(
    private readonly log: EventLog,
    /** How many records back a watch may resume from. */
    private readonly historySize = WATCH_HISTORY,
    /**
     * Which records this projection holds, by subject (a kubelet's: `kubeletInterest`); the
     * others are skipped unparsed, from the snapshot and the log alike. Unset: all of them.
     */
    private readonly accept?: (subject: string) => boolean,
  ) {
    this.store.onMalformed = (seq, key, problem) => this.warn(`skipping record ${seq} (${key}): malformed object: ${problem}`);
  }

  /**
   * Replays the stream — all of it, or only the tail after `from` (a snapshot checked with
   * `readSnapshot`); resolves when the state is current.
   */
  async start(from?: Snapshot): Promise<void> {
    if (from) {
      const accept = this.accept;
      restoreStore(from, this.store, accept ? (o) => accept(subjectOf(this.log.prefix, keyOfObject(o))) : undefined);
      this.historyFloor = from.seq;
    }
    // Changes older than the last `historySize` records of the log as it is now can never be asked
    // for (a watch from that far back gets 410 Expired): a long replay skips keeping them.
    const lastSeq = await this.log.lastSeq();
    const keepFrom = lastSeq - this.historySize + 1;
    if (keepFrom - 1 > this.historyFloor) this.historyFloor = keepFrom - 1;
    this.follower = await this.log.follow(this.store.seq + 1, (r) => {
      let change: Change | undefined;
      try {
        change = this.store.apply(r.seq, r.record, r.seq >= keepFrom || this.listeners.size > 0);
      } catch (e) {
        // A record `evolve` cannot fold (a malformed object written before validation caught it):
        // skipped, said once, and the projection goes on — never a crash loop on every start.
        this.store.seq = r.seq;
        this.warn(`skipping record ${r.seq} (${r.subject}): ${e instanceof Error ? e.message : String(e)}`);
      }
      if (change) {
        this.history.push(change);
        // Trimmed in batches: dropping one change at a time from the front of the array costs
        // WATCH_HISTORY moves per record, which made a long replay quadratic.
        if (this.history.length >= 2 * this.historySize) this.history.splice(0, this.history.length - this.historySize);
        for (const l of this.listeners) this.notify(l, change);
      }
      this.wake();
    }, lastSeq, this.accept ? { accept: this.accept, onSkipped: (seq) => this.skip(seq) } : undefined);
    let started = false;
    // Before it caught up, a failure rejects `start` itself.
    this.follower.done.catch((e) => started && this.fail(e instanceof Error ? e : new Error(String(e))));
    await this.follower.caughtUp;
    started = true;
  }

  /** A record this projection does not hold: its sequence is passed all the same (`waitFor`, lag). */
  private skip(seq: number) {
    this.store.seq = seq;
    this.wake();
  }

  private failureHandler?: (e: Error) => void;
  private warn: (message: string) => void = (m) => console.warn(`projection: ${m}`);

  /** Where a skipped record or a listener's failure is said (a Nest Logger's `warn` fits); stderr by default. */
  onWarning(f: (message: string) => void): void {
    this.warn = f;
  }

  /**
   * One listener's failure on one change (a controller meeting an object it cannot read) is that
   * listener's and that change's: logged, and the other listeners and the next changes go on.
   */
  private notify(l: (c: Change) => void, change: Change) {
    try {
      l(change);
    } catch (e) {
      const m = change.object.metadata;
      this.warn(`a listener failed on ${change.type} ${change.object.kind} ${m?.namespace ? `${m.namespace}/` : ''}${m?.name} (record ${change.seq}), skipped: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * Called if following the log fails for good (a record with an unknown schema version): the
   * projection is then stale, and its owner should stop rather than serve it. Without a handler
   * the error is thrown (the process stops with its message).
   */
  onFailure(f: (e: Error) => void): void {
    this.failureHandler = f;
  }

  private fail(e: Error) {
    if (this.failureHandler) this.failureHandler(e);
    else
      setImmediate(() => {
        throw e;
      });
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
    if (seq < this.historyFloor) return undefined;
    const oldest = this.history[0];
    if (oldest && seq < oldest.seq - 1 && this.history.length >= this.historySize) return undefined;
    return this.history.filter((c) => c.seq > seq);
  }

  oldestSeq(): number {
    return Math.max(this.historyFloor, this.history[0]?.seq ?? this.store.seq);
  }

  subscribe(listener: (c: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
