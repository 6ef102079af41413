import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { snapshotName, takeSnapshot, type Projection, type SnapshotStore } from '@kubesim/eventlog';
import type { SnapshotConfig } from './snapshot.config';

/** How often the snapshotter looks whether a snapshot is due. */
const CHECK_MS = 1000;

/**
 * Snapshots the apiserver's projection every `everyRecords` records or `intervalSeconds` (when
 * something changed), and once more at a graceful stop, so start-up is a restore plus a short tail.
 * A snapshot is taken synchronously (a consistent copy at one sequence), then written in the
 * background; a failed write is only logged — the log stays the source of truth.
 */
export class Snapshotter implements BeforeApplicationShutdown {
  private readonly logger = new Logger('snapshot');
  private timer?: NodeJS.Timeout;
  private lastSeq: number;
  private lastAt = Date.now();
  private writing?: Promise<void>;

  constructor(
    private readonly projection: Projection,
    private readonly store: SnapshotStore,
    private readonly config: SnapshotConfig,
    private readonly stream: { name: string; created: string },
    /** The sequence of the snapshot start-up restored (0: none): what was replayed since is due. */
    restoredSeq: number,
  ) {
    this.lastSeq = restoredSeq;
    if (config.everyRecords > 0) this.timer = setInterval(() => this.tick(), CHECK_MS);
  }

  private tick() {
    const pending = this.projection.seq - this.lastSeq;
    if (pending <= 0 || this.writing) return;
    if (pending >= this.config.everyRecords || Date.now() - this.lastAt >= this.config.intervalSeconds * 1000) void this.snapshot();
  }

  /** Takes and writes a snapshot now; resolves when it is stored. */
  snapshot(): Promise<void> {
    const s = takeSnapshot(this.projection.store, this.stream, new Date().toISOString());
    this.lastSeq = s.seq;
    this.lastAt = Date.now();
    const run = (this.writing ?? Promise.resolve())
      .then(() => this.store.save(snapshotName(s.stream), s))
      .then(() => this.logger.log(`snapshot at ${s.seq} (${s.objects.length} objects)`))
      .catch((e) => this.logger.warn(`snapshot at ${s.seq} not written: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        if (this.writing === run) this.writing = undefined;
      });
    this.writing = run;
    return run;
  }

  async beforeApplicationShutdown() {
    clearInterval(this.timer);
    if (this.config.everyRecords > 0 && this.projection.seq > this.lastSeq) await this.snapshot();
    await this.writing;
  }
}
