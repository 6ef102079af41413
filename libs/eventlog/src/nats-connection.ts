import { connect, type NatsConnection } from 'nats';
import { natsAuthOptions } from './nats-credentials';

const urls = new WeakMap<NatsConnection, string>();

/** `nats://a:4222,nats://b:4223` → its servers: a component is given every server of a NATS cluster. */
export const natsServers = (servers: string): string[] =>
  servers
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A component's connection keeps trying forever, so components outlive a restarting
 * nats-server (and reconnect to another server of a cluster). A command-line tool (`once`) fails fast instead.
 * It authenticates with the broker user of `credentials` (a file; default $KUBESIM_NATS_CREDENTIALS, nats-credentials.ts).
 */
export async function connectNats(servers: string, name: string, opts: { once?: boolean; credentials?: string } = {}): Promise<NatsConnection> {
  const list = natsServers(servers);
  const auth = natsAuthOptions(opts.credentials ?? process.env.KUBESIM_NATS_CREDENTIALS);
  const nc = opts.once
    ? await connect({ servers: list, name, maxReconnectAttempts: 0, timeout: 3000, ...auth })
    : await connect({ servers: list, name, maxReconnectAttempts: -1, reconnectTimeWait: 250, waitOnFirstConnect: true, ...auth });
  urls.set(nc, servers);
  return nc;
}

/** The servers a connection made by `connectNats` was opened with (a second connection may use them). */
export const natsUrlOf = (nc: NatsConnection): string | undefined => urls.get(nc);

/**
 * How many replicas a stream or bucket this connection creates gets: one per server it was given,
 * at most 3 — R1 on a single nats-server, R3 on `kubesim up --nats-replicas 3` (docs/decisions.md).
 */
export const replicasFor = (nc: NatsConnection): number => Math.max(1, Math.min(3, natsServers(urls.get(nc) ?? '').length));
