import { Logger } from '@nestjs/common';
import { Projection, type EventLog, type SnapshotStore } from '@kubesim/eventlog';

/** The object store entry the apiserver's snapshots of a stream live under. */
export const snapshotName = (stream: string) => `apiserver-${stream}`;

export const PROJECTION_START = Symbol('PROJECTION_START');
export type ProjectionStart = Awaited<ReturnType<typeof startProjection>>;

export interface StartReport {
  /** The snapshot's sequence, 0 when the whole log was replayed. */
  restoredSeq: number;
  replayed: number;
  ms: number;
  /** Why a snapshot that exists was not used. */
  rejected?: string;
}

/**
 * Start-up: restore the last good snapshot and replay the log's tail; with no usable snapshot
 * (none, corrupt, another schema or stream) warn and replay the whole log.
 */
export async function startProjection(log: EventLog, snapshots: SnapshotStore, logger = new Logger('snapshot')): Promise<{ projection: Projection; report: StartReport }> {
  const t0 = performance.now();
  const info = await log.info();
  const loaded = await snapshots.load(snapshotName(info.name), info);
  if (loaded.rejected) logger.warn(`ignoring the projection snapshot: ${loaded.rejected}; replaying the whole log`);
  const projection = new Projection(log);
  await projection.start(loaded.snapshot);
  projection.onFailure((e) => {
    // Serving a projection that stopped following the log would be serving a lie.
    logger.error(`stopped following the event log: ${e.message}`);
    process.exit(1);
  });
  const restoredSeq = loaded.snapshot?.seq ?? 0;
  const report: StartReport = { restoredSeq, replayed: projection.seq - restoredSeq, ms: performance.now() - t0, rejected: loaded.rejected };
  logger.log(
    `projection at ${projection.seq} in ${report.ms.toFixed(0)} ms: ` + (restoredSeq ? `snapshot at ${restoredSeq} + ${report.replayed} records` : `${report.replayed} records replayed`),
  );
  return { projection, report };
}
