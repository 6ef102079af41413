import { connect, type NatsConnection } from 'nats';

/** A connection that keeps trying forever: components outlive a restarting nats-server. */
export function connectNats(servers: string, name: string): Promise<NatsConnection> {
  return connect({ servers, name, maxReconnectAttempts: -1, reconnectTimeWait: 250, waitOnFirstConnect: true });
}
