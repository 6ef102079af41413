import { connect, type NatsConnection } from 'nats';

/**
 * A component's connection keeps trying forever, so components outlive a restarting
 * nats-server. A command-line tool (`once`) fails fast instead.
 */
export function connectNats(servers: string, name: string, opts: { once?: boolean } = {}): Promise<NatsConnection> {
  if (opts.once) return connect({ servers, name, maxReconnectAttempts: 0, timeout: 3000 });
  return connect({ servers, name, maxReconnectAttempts: -1, reconnectTimeWait: 250, waitOnFirstConnect: true });
}
