import { SCHEMA_VERSION, type ClusterEvent, type ObjectKey } from '@kubesim/core';
import type { StoredRecord } from './event-log';
import { withNatsLog } from './nats-log.spec-helpers';
import { Projection } from './projection';

const key = (name: string): ObjectKey => ({ kind: 'Namespace', namespace: '', name });
const ns = (name: string): ClusterEvent => ({
  type: 'NamespaceCreated',
  namespace: { kind: 'Namespace', apiVersion: 'v1', metadata: { name, uid: name, creationTimestamp: '2026-01-01T00:00:00Z' }, spec: {}, status: { phase: 'Active' } } as never,
  at: '2026-01-01T00:00:00Z',
  by: 'test',
});

/** Reads the whole log through `follow`, on this thread or a reader thread, and stops. */
async function readThrough(env: ReturnType<typeof withNatsLog>, inWorkerFrom: number, from = 1): Promise<StoredRecord[]> {
  env.log.catchUpInWorkerFrom = inWorkerFrom;
  const out: StoredRecord[] = [];
  const f = await env.log.follow(from, (r) => out.push(r));
  await f.caughtUp;
  await f.stop();
  return out;
}

describe('A long backlog is caught up on a reader thread', () => {
  const env = withNatsLog();
  const names = Array.from({ length: 600 }, (_, i) => `ns-${i}`);

  beforeAll(async () => {
    for (const n of names) await env.log.append(key(n), 0, { v: SCHEMA_VERSION, events: [ns(n)] });
  });

  it('hands over the same records, in order, with the same sequences, times and subjects as reading on this thread', async () => {
    const here = await readThrough(env, Infinity);
    const there = await readThrough(env, 1);
    expect(here).toHaveLength(600);
    expect(there).toEqual(here);
    expect((await readThrough(env, 1, 250)).map((r) => r.seq)).toEqual(here.slice(249).map((r) => r.seq));
  });

  it('then follows the live tail on this thread: a record appended after the catch-up arrives once', async () => {
    env.log.catchUpInWorkerFrom = 1;
    const seen: number[] = [];
    const f = await env.log.follow(1, (r) => seen.push(r.seq));
    await f.caughtUp;
    expect(seen).toHaveLength(600);
    const next = await env.log.append(key('late'), 0, { v: SCHEMA_VERSION, events: [ns('late')] });
    await vi.waitFor(() => expect(seen.at(-1)).toBe(next));
    expect(seen).toEqual(Array.from({ length: 601 }, (_, i) => i + 1));
    await f.stop();
  });

  it('a projection started through the reader thread equals one started on this thread', async () => {
    env.log.catchUpInWorkerFrom = Infinity;
    const here = new Projection(env.log);
    await here.start();
    env.log.catchUpInWorkerFrom = 1;
    const there = new Projection(env.log);
    await there.start();
    expect(there.seq).toBe(here.seq);
    expect([...there.store.objects.entries()]).toEqual([...here.store.objects.entries()]);
    await here.stop();
    await there.stop();
  });

  it('stops when asked during the catch-up: `done` resolves and nothing more is handed over', async () => {
    env.log.catchUpInWorkerFrom = 1;
    const seen: number[] = [];
    const f = await env.log.follow(1, (r) => seen.push(r.seq));
    await f.stop();
    await f.done;
    const count = seen.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.length).toBe(count);
  });
});

describe('The reader thread and records this kubesim cannot read', () => {
  const env = withNatsLog();

  it('refuses a record of another schema version, naming it, as the main thread does', async () => {
    await env.log.append(key('a'), 0, { v: SCHEMA_VERSION, events: [ns('a')] });
    const bad = await env.log.append(key('b'), 0, { v: 99, events: [ns('b')] });
    env.log.catchUpInWorkerFrom = 1;
    const f = await env.log.follow(1, () => undefined);
    await expect(f.caughtUp).rejects.toThrow(`log record ${bad} has schema version 99`);
    await expect(f.done).rejects.toThrow(`log record ${bad} has schema version 99`);
  });

  it('names a record that is not JSON at all (written to the subject by something else)', async () => {
    const js = env.nc.jetstream();
    const ack = await js.publish(env.log.subject(key('c')), new TextEncoder().encode('{"v":1,"events":[{"type"'));
    await env.log.append(key('d'), 0, { v: SCHEMA_VERSION, events: [ns('d')] });
    env.log.catchUpInWorkerFrom = 1;
    await expect(env.log.readAll(ack.seq)).rejects.toThrow(`log record ${ack.seq} is not a kubesim record`);
    env.log.catchUpInWorkerFrom = Infinity;
    await expect(env.log.readAll(ack.seq)).rejects.toThrow(`log record ${ack.seq} is not a kubesim record`);
  });
});
