import { JSONCodec, type KV, type NatsConnection } from 'nats';
import { replicasFor } from './nats-connection';

/** A node's heartbeat, kept out of the main stream (a KV bucket keeps one value per node). */
export interface Lease {
  holderIdentity: string;
  leaseDurationSeconds: number;
  renewTime: string;
}

export const LEASE_BUCKET = 'kubesim_leases';
const codec = JSONCodec<Lease>();

export class Leases {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly kv: KV,
  ) {}

  static async open(nc: NatsConnection, bucket = LEASE_BUCKET): Promise<Leases> {
    const js = nc.jetstream();
    const kv = await js.views.kv(bucket, { history: 1, replicas: replicasFor(nc) });
    return new Leases(nc, kv);
  }

  async renew(node: string, lease: Lease): Promise<void> {
    await this.kv.put(node, codec.encode(lease));
  }

  async get(node: string): Promise<Lease | undefined> {
    return (await this.read(node))?.lease;
  }

  /** The lease with its KV revision (what the API serves as its resourceVersion). */
  async read(node: string): Promise<{ lease: Lease; revision: number } | undefined> {
    const e = await this.kv.get(node);
    return e && e.operation === 'PUT' ? { lease: codec.decode(e.value), revision: e.revision } : undefined;
  }

  /**
   * Calls `onRenew` for every current lease and every renewal from now on. After a reconnect (a
   * restarted nats-server) the watch starts over at once: left alone, its consumer would only
   * notice after missing heartbeats, long enough for a node-lifecycle controller to think every
   * lease expired.
   */
  async watch(onRenew: (node: string, lease: Lease) => void): Promise<() => void> {
    let stopped = false;
    let it = await this.kv.watch();
    const pump = (w: typeof it) =>
      void (async () => {
        for await (const e of w) if (e.operation === 'PUT') onRenew(e.key, codec.decode(e.value));
      })().catch(() => undefined);
    pump(it);
    void (async () => {
      for await (const s of this.nc.status()) {
        if (stopped) return;
        if (s.type !== 'reconnect') continue;
        it.stop();
        for (;;) {
          try {
            it = await this.kv.watch();
            break;
          } catch {
            // JetStream may not have recovered its streams yet.
            if (stopped || this.nc.isClosed()) return;
            await new Promise((r) => setTimeout(r, 250));
          }
        }
        if (stopped) return it.stop();
        pump(it);
      }
    })();
    return () => {
      stopped = true;
      it.stop();
    };
  }
}
