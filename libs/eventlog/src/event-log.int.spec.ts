import { SCHEMA_VERSION, type ClusterEvent, type ObjectKey } from '@kubesim/core';
import { AppendConflictError } from './event-log';
import { withNatsLog } from './nats-log.spec-helpers';

const key: ObjectKey = { kind: 'Node', namespace: '', name: 'node-1.example' };
const deleted = (name: string): ClusterEvent => ({ type: 'NodeDeleted', name, at: '2026-01-01T00:00:00Z', by: 'test' });

describe('EventLog on a real nats-server', () => {
  const env = withNatsLog();

  it('appends with the expected last subject sequence and refuses a stale one', async () => {
    const first = await env.log.append(key, 0, { v: SCHEMA_VERSION, events: [deleted('node-1.example')] });
    const second = await env.log.append(key, first, { v: SCHEMA_VERSION, events: [deleted('node-1.example')] });
    expect(second).toBeGreaterThan(first);
    await expect(env.log.append(key, first, { v: SCHEMA_VERSION, events: [deleted('node-1.example')] })).rejects.toBeInstanceOf(AppendConflictError);
    await expect(env.log.append(key, 0, { v: SCHEMA_VERSION, events: [deleted('node-1.example')] })).rejects.toBeInstanceOf(AppendConflictError);
    expect(await env.log.lastSeq()).toBe(second);
  });

  it('encodes dots in names so one object is one subject', () => {
    expect(env.log.subject(key)).toBe('ks.node._.node-1%2Eexample');
  });

  it('reads back every record in order, and follows new ones', async () => {
    const all = await env.log.readAll();
    expect(all.map((r) => r.seq)).toEqual([1, 2]);
    const seen: number[] = [];
    const f = await env.log.follow(2, (r) => seen.push(r.seq));
    await f.caughtUp;
    const third = await env.log.append({ kind: 'Node', namespace: '', name: 'other' }, 0, { v: SCHEMA_VERSION, events: [deleted('other')] });
    await vi.waitFor(() => expect(seen).toEqual([2, third]));
    await f.stop();
  });

  it('keeps acknowledged records across a nats-server crash', async () => {
    const before = await env.log.lastSeq();
    await env.nats.kill();
    await env.nats.restart();
    await vi.waitFor(async () => expect(await env.log.lastSeq()).toBe(before), { timeout: 10_000, interval: 200 });
    expect((await env.log.readAll()).length).toBe(before);
  });
});
