import { loadConfig } from '@kubesim/api';
import { IsInt, Min } from 'class-validator';

/** When the apiserver snapshots its projection: every N records or T seconds, whichever comes first. */
export class SnapshotConfig {
  /** Records applied since the last snapshot that trigger a new one; 0 turns snapshots off. */
  @IsInt()
  @Min(0)
  everyRecords: number = 10_000;

  /** A snapshot at least this often while the log grows (wall-clock seconds). */
  @IsInt()
  @Min(1)
  intervalSeconds: number = 60;
}

export const loadSnapshotConfig = (env = process.env) =>
  loadConfig(SnapshotConfig, env, { everyRecords: 'KUBESIM_SNAPSHOT_EVERY', intervalSeconds: 'KUBESIM_SNAPSHOT_INTERVAL_SECONDS' });
