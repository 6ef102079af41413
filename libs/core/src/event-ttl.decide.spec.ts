import { aPod, given, namespaceCreated, podCreated } from '@kubesim/testing';
import type { KubeEvent } from '@kubesim/api';
import type { EventSpec } from './kube-events';
import { referenceTo } from './kube-events';
import { SCHEMA_VERSION, type ClusterEvent } from './events';
import { EVENT_TTL_SECONDS, eventLastSeen } from './event-ttl.decide';
import { decide } from './decide';

const pulled: EventSpec = { involvedObject: referenceTo(aPod('x'), 'spec.containers{app}'), reason: 'Pulled', message: 'pulled', type: 'Normal', component: 'kubelet', host: 'node-1' };
const started: EventSpec = { ...pulled, reason: 'Started', message: 'Started container app' };
const ctx = (iso: string, timeScale = 1) => ({ now: Date.parse(iso), by: 'apiserver', timeScale });

/** A cluster with Events recorded at the given times (each a record of its own). */
function clusterWithEvents(...recorded: [EventSpec, string][]) {
  const spec = given(namespaceCreated(), podCreated(aPod('x')));
  let seq = 2;
  for (const [event, at] of recorded) {
    const events = decide({ type: 'RecordEvent', event }, spec.store, ctx(at));
    spec.store.apply(++seq, { v: SCHEMA_VERSION, events });
  }
  return spec;
}

describe('ExpireEvents: the apiserver forgets Events an hour after they were last seen', () => {
  it('expires an Event whose last occurrence is older than the TTL, and keeps a recent one', () => {
    const spec = clusterWithEvents([pulled, '2024-05-01T09:00:00Z'], [started, '2024-05-01T09:30:00Z']);
    const [old] = [...spec.store.list('Event')] as KubeEvent[];
    spec.when({ type: 'ExpireEvents', ttlSeconds: EVENT_TTL_SECONDS, limit: 100 }, ctx('2024-05-01T10:00:00Z')).then([
      { type: 'EventExpired', namespace: 'default', name: old.metadata.name, by: 'apiserver', cause: 'event TTL of 3600s ran out' },
    ]);
  });

  it('counts from the last occurrence: a repeated Event lives an hour after its latest count', () => {
    const spec = clusterWithEvents([pulled, '2024-05-01T08:00:00Z'], [pulled, '2024-05-01T09:30:00Z']);
    const [e] = [...spec.store.list('Event')] as KubeEvent[];
    expect(e.count).toBe(2);
    spec.when({ type: 'ExpireEvents', ttlSeconds: EVENT_TTL_SECONDS, limit: 100 }, ctx('2024-05-01T10:00:00Z')).then([]);
    spec.when({ type: 'ExpireEvents', ttlSeconds: EVENT_TTL_SECONDS, limit: 100 }, ctx('2024-05-01T10:30:00Z')).then([{ type: 'EventExpired', name: e.metadata.name }]);
  });

  it('scales the TTL with the time scale (0.01: 36 s)', () => {
    const spec = clusterWithEvents([pulled, '2024-05-01T10:00:00Z']);
    spec.when({ type: 'ExpireEvents', ttlSeconds: EVENT_TTL_SECONDS, limit: 100 }, ctx('2024-05-01T10:00:35Z', 0.01)).then([]);
    spec.when({ type: 'ExpireEvents', ttlSeconds: EVENT_TTL_SECONDS, limit: 100 }, ctx('2024-05-01T10:00:36Z', 0.01)).then([{ type: 'EventExpired' }]);
  });

  it('expires at most `limit` per command, so one sweep never becomes one huge decision', () => {
    const spec = clusterWithEvents([pulled, '2024-05-01T08:00:00Z'], [started, '2024-05-01T08:00:01Z'], [{ ...pulled, reason: 'Killing', message: 'k' }, '2024-05-01T08:00:02Z']);
    spec.when({ type: 'ExpireEvents', ttlSeconds: EVENT_TTL_SECONDS, limit: 2 }, ctx('2024-05-01T10:00:00Z')).then([{ type: 'EventExpired' }, { type: 'EventExpired' }]);
  });

  it('an expired Event is gone from the store, and its name remembers the sequence (a tombstone)', () => {
    const spec = clusterWithEvents([pulled, '2024-05-01T09:00:00Z']);
    const [e] = [...spec.store.list('Event')] as KubeEvent[];
    const events: ClusterEvent[] = decide({ type: 'ExpireEvents', ttlSeconds: EVENT_TTL_SECONDS, limit: 10 }, spec.store, ctx('2024-05-01T10:00:00Z'));
    const change = spec.store.apply(10, { v: SCHEMA_VERSION, events });
    expect(change).toMatchObject({ type: 'DELETED', object: { kind: 'Event', metadata: { name: e.metadata.name, resourceVersion: '10' } } });
    expect([...spec.store.list('Event')]).toEqual([]);
    expect(spec.store.lastSeqOf({ kind: 'Event', namespace: 'default', name: e.metadata.name })).toBe(10);
  });

  it('last seen = the latest of lastTimestamp, eventTime and creation', () => {
    const e = { lastTimestamp: '2024-05-01T09:00:00Z', eventTime: '2024-05-01T09:10:00.000000Z', metadata: { creationTimestamp: '2024-05-01T08:00:00Z' } } as KubeEvent;
    expect(new Date(eventLastSeen(e)).toISOString()).toBe('2024-05-01T09:10:00.000Z');
  });
});
