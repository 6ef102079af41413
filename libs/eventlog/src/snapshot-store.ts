import { StorageType, type NatsConnection, type ObjectStore } from 'nats';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import { readSnapshot, SnapshotRejectedError, type Snapshot } from './snapshot';
import { replicasFor } from './nats-connection';

export const SNAPSHOT_BUCKET = 'kubesim_snapshots';

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);
/** Snapshots are gzipped JSON (a tenth of the chunks to write and read); plain JSON is read too. */
const isGzip = (b: Uint8Array) => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

export type LoadedSnapshot = { snapshot: Snapshot; rejected?: undefined } | { snapshot?: undefined; rejected?: string };

/**
 * Snapshots of a projection in a JetStream object store, next to the log they summarise: they
 * live and die with the same nats-server store (a `--data-dir`, a Docker volume), need no shared
 * filesystem between containers, and are chunked, so a large cluster's state is not capped by the
 * KV value size. One object per reader (`apiserver`), replaced at each snapshot.
 */
export class SnapshotStore {
  private constructor(private readonly os: ObjectStore) {}

  static async open(nc: NatsConnection, bucket = SNAPSHOT_BUCKET): Promise<SnapshotStore> {
    return new SnapshotStore(await nc.jetstream().views.os(bucket, { storage: StorageType.File, replicas: replicasFor(nc) }));
  }

  async save(name: string, s: Snapshot): Promise<void> {
    await this.os.putBlob({ name }, await gzip(JSON.stringify(s)));
  }

  /** Removes the snapshot (start-up then replays the whole log); nothing happens when there is none. */
  async delete(name: string): Promise<void> {
    await this.os.delete(name);
  }

  /** Raw bytes, for tests that corrupt a snapshot on purpose. */
  async saveRaw(name: string, data: string): Promise<void> {
    await this.os.putBlob({ name }, Buffer.from(data));
  }

  /** The snapshot if there is a usable one; otherwise why it was not used (undefined: there is none). */
  async load(name: string, stream: { name: string; created: string; lastSeq: number }): Promise<LoadedSnapshot> {
    let data: Uint8Array | null;
    try {
      data = await this.os.getBlob(name);
    } catch (e) {
      return { rejected: `unreadable (${e instanceof Error ? e.message : String(e)})` };
    }
    if (!data) return {};
    try {
      const text = isGzip(data) ? (await gunzip(data).catch(() => Buffer.from('(bad gzip)'))).toString('utf8') : Buffer.from(data).toString('utf8');
      return { snapshot: readSnapshot(text, stream) };
    } catch (e) {
      if (e instanceof SnapshotRejectedError) return { rejected: e.message };
      throw e;
    }
  }
}
