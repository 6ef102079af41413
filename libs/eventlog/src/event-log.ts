import { parseRecord, subjectOf, type LogRecord, type ObjectKey } from '@kubesim/core';
import { readInWorker } from './catch-up-reader';
import { natsUrlOf, replicasFor } from './nats-connection';
import { StallDetector } from './stall-detector';
import {
  AckPolicy,
  DeliverPolicy,
  JSONCodec,
  NatsError,
  RetentionPolicy,
  StorageType,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
} from 'nats';

export const DEFAULT_STREAM = 'KUBESIM';
export const DEFAULT_PREFIX = 'ks';

/** JetStream's "wrong last sequence": someone else wrote the object first. */
export const WRONG_LAST_SEQUENCE = 10071;

export class AppendConflictError extends Error {
  constructor(readonly subject: string, readonly expected: number) {
    super(`wrong last sequence for ${subject}: expected ${expected}`);
  }
}

export interface StoredRecord {
  seq: number;
  /** When the stream stored it, ms since the epoch. */
  time: number;
  subject: string;
  record: LogRecord;
}

const codec = JSONCodec<LogRecord>();

/**
 * How long a follower's pull request lasts (nats.js: 30 s). It also sets the idle heartbeat (half
 * of it) and the back-off after a failed check of the consumer on reconnect: with 30 s a kubelet
 * whose network came back could follow nothing for half a minute.
 */
const PULL_EXPIRES_MS = 5_000;

/** How often a follower checks that its consumer still delivers (stall-detector.ts): a dead one is replaced within two checks. */
const STALL_CHECK_MS = 2_000;

/**
 * A follower that reads only part of the log (a kubelet: `kubeletInterest`): `accept` sees each
 * record's subject before its body is parsed; a record it refuses is not parsed, only counted
 * (`onSkipped`), so the follower's sequence still advances.
 */
export interface FollowFilter {
  accept(subject: string): boolean;
  onSkipped(seq: number): void;
}

/** Default of `EventLog.catchUpInWorkerFrom`. */
export const CATCH_UP_IN_WORKER_FROM = 20_000;

/**
 * The event log: one JetStream stream, one subject per object. Appends carry the object's
 * expected last subject sequence (optimistic concurrency); reads use ordered consumers.
 */
export class EventLog {
  private constructor(
    readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    readonly stream: string,
    readonly prefix: string,
  ) {}

  static async open(nc: NatsConnection, stream = DEFAULT_STREAM, prefix = DEFAULT_PREFIX): Promise<EventLog> {
    const jsm = await nc.jetstreamManager();
    try {
      await jsm.streams.info(stream);
    } catch (e) {
      if (!(e instanceof NatsError) || e.api_error?.err_code !== 10059) throw e;
      try {
        await jsm.streams.add({ name: stream, subjects: [`${prefix}.>`], storage: StorageType.File, retention: RetentionPolicy.Limits, max_msgs_per_subject: -1, num_replicas: replicasFor(nc) });
      } catch (err) {
        // Another process created it meanwhile.
        if (!(err instanceof NatsError) || err.api_error?.err_code !== 10058) throw err;
      }
    }
    return new EventLog(nc, nc.jetstream(), jsm, stream, prefix);
  }

  subject(key: ObjectKey): string {
    return subjectOf(this.prefix, key);
  }

  /** Appends one record about `key`; `expectedSeq` = the object's resourceVersion, 0 when new. */
  async append(key: ObjectKey, expectedSeq: number, record: LogRecord): Promise<number> {
    const subject = this.subject(key);
    try {
      const ack = await this.js.publish(subject, codec.encode(record), { expect: { lastSubjectSequence: expectedSeq } });
      return ack.seq;
    } catch (e) {
      if (e instanceof NatsError && e.api_error?.err_code === WRONG_LAST_SEQUENCE) throw new AppendConflictError(subject, expectedSeq);
      throw e;
    }
  }

  /** The stream's identity (name, creation time) and extent. */
  async info(): Promise<{ name: string; created: string; firstSeq: number; lastSeq: number }> {
    const info = await this.jsm.streams.info(this.stream);
    return { name: this.stream, created: info.created, firstSeq: info.state.first_seq, lastSeq: info.state.last_seq };
  }

  /**
   * Writes records at exactly their sequences into an empty stream (restoring an exported log):
   * each publish expects the stream's last sequence to be the previous one, so a gap, a
   * concurrent writer or a non-empty stream fails. Nothing else may write meanwhile.
   */
  async restore(records: AsyncIterable<StoredRecord> | Iterable<StoredRecord>, window = 256): Promise<number> {
    let n = 0;
    const inflight: Promise<unknown>[] = [];
    for await (const r of records) {
      inflight.push(this.js.publish(r.subject, codec.encode(r.record), { expect: { lastSequence: r.seq - 1 } }));
      n++;
      if (inflight.length >= window) await Promise.all(inflight.splice(0));
    }
    await Promise.all(inflight);
    return n;
  }

  /** Removes the stream and every record in it (an import that failed half-way). */
  async destroy(): Promise<void> {
    await this.jsm.streams.delete(this.stream);
  }

  /** The stream sequence of the last record about `key` (0 when there is none). */
  async lastSubjectSeq(key: ObjectKey): Promise<number> {
    try {
      const m = await this.jsm.streams.getMessage(this.stream, { last_by_subj: this.subject(key) });
      return m.seq;
    } catch (e) {
      if (e instanceof NatsError && (e.api_error?.err_code === 10037 || e.code === '404')) return 0;
      throw e;
    }
  }

  async lastSeq(): Promise<number> {
    const info = await this.jsm.streams.info(this.stream);
    return info.state.last_seq;
  }

  async firstSeq(): Promise<number> {
    const info = await this.jsm.streams.info(this.stream);
    return info.state.first_seq;
  }

  /**
   * From how many records behind a follower catches up on a second thread (`readInWorker`)
   * before following on this one; starting the thread costs about as much as reading a few
   * thousand records here.
   */
  catchUpInWorkerFrom = CATCH_UP_IN_WORKER_FROM;

  /**
   * Delivers every record from `fromSeq` on, in order, then keeps following. `caughtUp` resolves
   * once the records that existed at the call have been handed to `onRecord` (`lastSeq`: the
   * stream's last sequence when the caller already asked for it).
   */
  async follow(fromSeq: number, onRecord: (r: StoredRecord) => void, lastSeq?: number, filter?: FollowFilter): Promise<Follower> {
    const target = lastSeq ?? (await this.lastSeq());
    const first = Math.max(1, fromSeq);
    const servers = natsUrlOf(this.nc);
    let resolveCaughtUp!: () => void;
    let rejectCaughtUp!: (e: unknown) => void;
    const caughtUp = new Promise<void>((r, j) => ((resolveCaughtUp = r), (rejectCaughtUp = j)));
    if (target < first) resolveCaughtUp();
    let stopped = false;
    let stopCurrent = async (): Promise<void> => undefined;
    // A long backlog is read on a second thread; this one then follows from the record after it.
    const reader = servers && target - first + 1 >= this.catchUpInWorkerFrom ? readInWorker({ servers, stream: this.stream, from: first, to: target, onRecord, filter }) : undefined;
    const consume = async (from: number) => {
      const messages = await (await this.js.consumers.get(this.stream, { opt_start_seq: from })).consume({ max_messages: 1024, expires: PULL_EXPIRES_MS });
      stopCurrent = async () => messages.stop();
      if (stopped) messages.stop();
      return messages;
    };
    if (reader) stopCurrent = reader.stop;
    const tail = reader ? undefined : await consume(first);
    let delivered = reader ? target : first - 1;
    let following = false;
    // A consumer that went with its nats-server is stopped here; the loop below starts a new one.
    const stall = new StallDetector();
    const watchdog = setInterval(() => {
      if (!following || stopped) return;
      this.lastSeq().then(
        (last) => {
          if (following && !stopped && stall.check(delivered, last)) void stopCurrent();
        },
        () => undefined,
      );
    }, STALL_CHECK_MS);
    watchdog.unref();
    const loop = (async () => {
      if (reader) {
        await reader.done;
        if (stopped) return;
        resolveCaughtUp();
      }
      let messages = tail ?? (await consume(target + 1));
      for (;;) {
        following = true;
        for await (const m of messages) {
          const seq = m.seq;
          if (seq <= delivered) continue;
          delivered = seq;
          if (filter && !filter.accept(m.subject)) filter.onSkipped(seq);
          else onRecord({ seq, time: Math.floor(m.info.timestampNanos / 1e6), subject: m.subject, record: parseRecord(m.string(), seq) });
          if (seq >= target) resolveCaughtUp();
        }
        following = false;
        // A new consumer; while JetStream has no leader it cannot be made yet: try again.
        for (;;) {
          if (stopped) return;
          try {
            messages = await consume(delivered + 1);
            break;
          } catch {
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      }
    })()
      .catch(async (e) => {
        // A record this kubesim cannot read (another schema version): stop, and say so to whoever waits.
        await stopCurrent();
        rejectCaughtUp(e);
        throw e;
      })
      .finally(() => clearInterval(watchdog));
    return new Follower(caughtUp, loop, async () => {
      stopped = true;
      clearInterval(watchdog);
      await stopCurrent();
    });
  }

  /** Reads records from `fromSeq` up to the current end, then stops. */
  async readAll(fromSeq = 1): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    const target = await this.lastSeq();
    if (target < fromSeq) return out;
    const f = await this.follow(
      fromSeq,
      (r) => {
        if (r.seq <= target) out.push(r);
      },
      target,
    );
    await f.caughtUp;
    await f.stop();
    return out;
  }
}

/** A running `follow`: `done` settles when following ends (resolved after `stop`, rejected on a record it could not read). */
export class Follower {
  constructor(
    readonly caughtUp: Promise<void>,
    readonly done: Promise<void>,
    private readonly stopReading: () => Promise<void>,
  ) {
    // Failures reach whoever awaits `caughtUp` or `done`; they are not unhandled rejections.
    done.catch(() => undefined);
    caughtUp.catch(() => undefined);
  }

  async stop(): Promise<void> {
    await this.stopReading();
    await this.done.catch(() => undefined);
  }
}

// Re-exported so apps do not need to know nats' enums for consumers they never create.
export { AckPolicy, DeliverPolicy };
