import type { KubeEvent } from '@kubesim/api';
import type { CommandOf } from './commands';
import type { ClusterEvent } from './events';
import type { ClusterView, DecideContext } from './view';

/** kube-apiserver's `--event-ttl` default: an Event lives one hour after its last update. */
export const EVENT_TTL_SECONDS = 3600;

/** When the Event was last written: its last occurrence (`lastTimestamp`, `eventTime`) or its creation. */
export function eventLastSeen(e: KubeEvent): number {
  const times = [e.lastTimestamp, e.eventTime, e.metadata.creationTimestamp].map((t) => (t ? Date.parse(t) : Number.NaN)).filter(Number.isFinite);
  return times.length ? Math.max(...times) : 0;
}

/**
 * The Events whose TTL (× time scale) has run out since they were last seen, at most `limit` of
 * them, in the store's order: one `EventExpired` each, so every expiry is its own write, checked
 * against the Event's resourceVersion like any other (an Event bumped meanwhile is re-decided and
 * lives on).
 */
export function expireEvents(c: CommandOf<'ExpireEvents'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const cutoff = ctx.now - c.ttlSeconds * 1000 * ctx.timeScale;
  const at = new Date(ctx.now).toISOString();
  const out: ClusterEvent[] = [];
  for (const o of view.list('Event')) {
    if (out.length >= c.limit) break;
    const e = o as KubeEvent;
    if (eventLastSeen(e) <= cutoff) out.push({ at, by: ctx.by, cause: `event TTL of ${c.ttlSeconds}s ran out`, type: 'EventExpired', namespace: e.metadata.namespace, name: e.metadata.name });
  }
  return out;
}
