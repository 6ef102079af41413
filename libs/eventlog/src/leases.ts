import { JSONCodec, type KV, type NatsConnection } from 'nats';

/** A node's heartbeat, kept out of the main stream (a KV bucket keeps one value per node). */
export interface Lease {
  holderIdentity: string;
  leaseDurationSeconds: number;
  renewTime: string;
}

export const LEASE_BUCKET = 'kubesim_leases';
const codec = JSONCodec<Lease>();

export class Leases {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, bucket = LEASE_BUCKET): Promise<Leases> {
    const js = nc.jetstream();
    const kv = await js.views.kv(bucket, { history: 1 });
    return new Leases(kv);
  }

  async renew(node: string, lease: Lease): Promise<void> {
    await this.kv.put(node, codec.encode(lease));
  }

  async get(node: string): Promise<Lease | undefined> {
    const e = await this.kv.get(node);
    return e && e.operation === 'PUT' ? codec.decode(e.value) : undefined;
  }

  /** Calls `onRenew` for every current lease and every renewal from now on. */
  async watch(onRenew: (node: string, lease: Lease) => void): Promise<() => void> {
    const it = await this.kv.watch();
    void (async () => {
      for await (const e of it) if (e.operation === 'PUT') onRenew(e.key, codec.decode(e.value));
    })();
    return () => it.stop();
  }
}
