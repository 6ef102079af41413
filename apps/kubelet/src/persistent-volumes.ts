import { newVolume, type Volume } from '@kubesim/runtime';
import type { KV, NatsConnection } from 'nats';
import { replicasFor } from '@kubesim/eventlog';

/** The KV bucket holding every PersistentVolume's files, one entry per PV name, shared by all kubelets. */
export const VOLUME_BUCKET = 'kubesim_volumes';

interface Entry {
  volume: Volume;
  saved: string;
}

const serialize = (v: Volume) => JSON.stringify({ files: [...v.files], dirs: [...v.dirs] });

/**
 * The "disk" behind PersistentVolumes: a simulated volume per PV, read from the KV bucket when a pod
 * of this node first mounts it and written back (when changed) every second and when the pod goes,
 * so a new pod mounting the same claim — on this node or another — finds the files (docs/decisions.md).
 */
export class PersistentVolumeStore {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Set<string>();

  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, bucket = VOLUME_BUCKET): Promise<PersistentVolumeStore> {
    return new PersistentVolumeStore(await nc.jetstream().views.kv(bucket, { history: 1, replicas: replicasFor(nc) }));
  }

  /** The PV's volume if it is loaded; otherwise starts reading it and calls `loaded` once it is. */
  get(name: string, loaded: () => void): Volume | undefined {
    const e = this.entries.get(name);
    if (e) return e.volume;
    if (!this.loading.has(name)) {
      this.loading.add(name);
      void this.load(name).then(loaded, () => this.loading.delete(name));
    }
    return undefined;
  }

  private async load(name: string) {
    const got = await this.kv.get(name);
    const text = got?.value.length ? new TextDecoder().decode(got.value) : '';
    const volume = newVolume();
    if (text) {
      const data = JSON.parse(text) as { files: [string, string][]; dirs: string[] };
      for (const [p, t] of data.files) volume.files.set(p, t);
      for (const d of data.dirs) volume.dirs.add(d);
    }
    this.entries.set(name, { volume, saved: text || serialize(volume) });
    this.loading.delete(name);
  }

  /** Writes back every loaded volume that changed since it was last saved. */
  async flush(): Promise<void> {
    for (const [name, e] of this.entries) {
      const now = serialize(e.volume);
      if (now === e.saved) continue;
      await this.kv.put(name, new TextEncoder().encode(now));
      e.saved = now;
    }
  }

  /** Saves and forgets the volumes no pod of this node mounts any more (another node may write them next). */
  async release(inUse: ReadonlySet<string>): Promise<void> {
    await this.flush();
    for (const name of [...this.entries.keys()]) if (!inUse.has(name)) this.entries.delete(name);
  }
}
