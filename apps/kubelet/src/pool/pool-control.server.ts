import { poolControlSubject, type PoolControlReply, type PoolControlRequest } from '@kubesim/api';
import type { NatsConnection, Subscription } from 'nats';
import type { NodePool } from './node-pool';

/** Answers the pool's control subject (`kubesim.pool.<pool>.control`): one JSON request, one JSON reply. */
export function servePoolControl(nc: NatsConnection, pool: NodePool): Subscription {
  const encode = (r: PoolControlReply) => new TextEncoder().encode(JSON.stringify(r));
  return nc.subscribe(poolControlSubject(pool.name), {
    callback: (_e, m) => {
      let request: PoolControlRequest;
      try {
        request = JSON.parse(new TextDecoder().decode(m.data)) as PoolControlRequest;
      } catch {
        m.respond(encode({ ok: false, error: 'malformed request' }));
        return;
      }
      void pool.handle(request).then((r) => m.respond(encode(r)));
    },
  });
}
