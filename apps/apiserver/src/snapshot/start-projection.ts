import { Logger } from '@nestjs/common';
import { startProjection, type EventLog, type SnapshotStore } from '@kubesim/eventlog';

export const PROJECTION_START = Symbol('PROJECTION_START');
export type ProjectionStart = Awaited<ReturnType<typeof startApiserverProjection>>;

/** The apiserver's start-up: the shared one, and a projection that stops following the log stops the process. */
export async function startApiserverProjection(log: EventLog, snapshots: SnapshotStore, logger = new Logger('snapshot')) {
  const start = await startProjection(log, snapshots, logger);
  start.projection.onFailure((e) => {
    // Serving a projection that stopped following the log would be serving a lie.
    logger.error(`stopped following the event log: ${e.message}`);
    process.exit(1);
  });
  return start;
}
