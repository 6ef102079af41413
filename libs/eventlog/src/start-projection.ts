import type { EventLog } from './event-log';
import { Projection } from './projection';
import type { SnapshotStore } from './snapshot-store';

/** The object store entry the apiserver's snapshots of a stream live under (every component reads it). */
export const snapshotName = (stream: string) => `apiserver-${stream}`;

export interface StartReport {
  /** The snapshot's sequence, 0 when the whole log was replayed. */
  restoredSeq: number;
  replayed: number;
  ms: number;
  /** Why a snapshot that exists was not used. */
  rejected?: string;
}

/** Where start-up says what it did (a Nest Logger fits). */
export interface StartLogger {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Start-up of any projection — the apiserver's and every component's: restore the apiserver's
 * last good snapshot and replay the log's tail; with no usable snapshot (none, corrupt, another
 * schema or stream) warn and replay the whole log. Components only read the snapshot; the
 * apiserver alone writes it.
 */
export async function startProjection(
  log: EventLog,
  snapshots: SnapshotStore,
  logger: StartLogger,
  /** Which records it holds, by subject (`Projection`'s `accept`); unset: all. */
  accept?: (subject: string) => boolean,
): Promise<{ projection: Projection; report: StartReport }> {
  const t0 = performance.now();
  const info = await log.info();
  const loaded = await snapshots.load(snapshotName(info.name), info);
  if (loaded.rejected) logger.warn(`ignoring the projection snapshot: ${loaded.rejected}; replaying the whole log`);
  const projection = new Projection(log, undefined, accept);
  projection.onWarning((m) => logger.warn(m));
  await projection.start(loaded.snapshot);
  const restoredSeq = loaded.snapshot?.seq ?? 0;
  const report: StartReport = { restoredSeq, replayed: projection.seq - restoredSeq, ms: performance.now() - t0, rejected: loaded.rejected };
  logger.log(
    `projection at ${projection.seq} in ${report.ms.toFixed(0)} ms: ` + (restoredSeq ? `snapshot at ${restoredSeq} + ${report.replayed} records` : `${report.replayed} records replayed`),
  );
  return { projection, report };
}
