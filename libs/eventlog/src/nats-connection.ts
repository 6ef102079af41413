import { connect, type NatsConnection } from 'nats';

const urls = new WeakMap<NatsConnection, string>();

/**
 * A component's connection keeps trying forever, so components outlive a restarting
 * nats-server. A command-line tool (`once`) fails fast instead.
 */
export async function connectNats(servers: string, name: string, opts: { once?: boolean } = {}): Promise<NatsConnection> {
  const nc = opts.once
    ? await connect({ servers, name, maxReconnectAttempts: 0, timeout: 3000 })
    : await connect({ servers, name, maxReconnectAttempts: -1, reconnectTimeWait: 250, waitOnFirstConnect: true });
  urls.set(nc, servers);
  return nc;
}

/** The servers a connection made by `connectNats` was opened with (a second connection may use them). */
export const natsUrlOf = (nc: NatsConnection): string | undefined => urls.get(nc);
