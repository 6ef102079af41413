import { SCHEMA_VERSION, type ClusterEvent, type ObjectKey } from '@kubesim/core';
import { withNatsLog } from './nats-log.spec-helpers';
import { Projection } from './projection';

const ns = (name: string): ClusterEvent => ({
  type: 'NamespaceCreated',
  namespace: { kind: 'Namespace', apiVersion: 'v1', metadata: { name, uid: name, creationTimestamp: '2026-01-01T00:00:00Z' }, spec: {}, status: { phase: 'Active' } } as never,
  at: '2026-01-01T00:00:00Z',
  by: 'test',
});
const key = (name: string): ObjectKey => ({ kind: 'Namespace', namespace: '', name });

describe('Projection across a nats-server crash', () => {
  const env = withNatsLog();

  it('keeps following after kill -9 and restart: acknowledged writes are neither lost nor applied twice', async () => {
    const p = new Projection(env.log);
    const seen: number[] = [];
    const before = await env.log.append(key('a'), 0, { v: SCHEMA_VERSION, events: [ns('a')] });
    await p.start();
    p.subscribe((c) => seen.push(c.seq));
    await env.nats.kill();
    await env.nats.restart();
    const after = await vi.waitFor(() => env.log.append(key('b'), 0, { v: SCHEMA_VERSION, events: [ns('b')] }), { timeout: 15_000, interval: 250 });
    await vi.waitFor(() => expect(p.seq).toBe(after), { timeout: 2_000, interval: 100 });
    expect(p.store.get(key('a'))?.metadata.resourceVersion).toBe(String(before));
    expect(p.store.get(key('b'))?.metadata.resourceVersion).toBe(String(after));
    expect(seen).toEqual([after]);
    await p.stop();
  });
});

describe('Projection history: what a watch can resume from after a replay', () => {
  const env = withNatsLog();

  it('keeps the changes of the last `historySize` records of a replay; older resourceVersions are Expired (undefined)', async () => {
    const seqs: number[] = [];
    for (const n of ['a', 'b', 'c', 'd', 'e', 'f']) seqs.push(await env.log.append(key(n), 0, { v: SCHEMA_VERSION, events: [ns(n)] }));
    const p = new Projection(env.log, 3);
    await p.start();
    expect(p.changesSince(seqs[2])?.map((c) => c.object.metadata.name)).toEqual(['d', 'e', 'f']);
    expect(p.changesSince(seqs[4])?.map((c) => c.object.metadata.name)).toEqual(['f']);
    expect(p.changesSince(seqs[1])).toBeUndefined();
    await p.stop();
  });
});

describe('Projection and records of an unknown schema version', () => {
  const env = withNatsLog();

  it('a running projection reports the record it cannot read; a starting one refuses to start', async () => {
    await env.log.append(key('a'), 0, { v: SCHEMA_VERSION, events: [ns('a')] });
    const p = new Projection(env.log);
    await p.start();
    const failed = new Promise<Error>((r) => p.onFailure(r));
    const seq = await env.log.append(key('b'), 0, { v: 99, events: [ns('b')] });
    expect((await failed).message).toBe(`log record ${seq} has schema version 99; this kubesim reads version ${SCHEMA_VERSION} (upgrade kubesim or import a log it wrote)`);
    await expect(new Projection(env.log).start()).rejects.toThrow(`log record ${seq} has schema version 99`);
    await expect(env.log.readAll()).rejects.toThrow('schema version 99');
  });
});

describe('Projection and a malformed object published straight into the stream', () => {
  const env = withNatsLog();

  it('skips it with a warning; a listener that throws on a change is skipped for that change; following goes on', async () => {
    const warnings: string[] = [];
    const p = new Projection(env.log);
    p.onWarning((m) => warnings.push(m));
    await p.start();
    const seen: string[] = [];
    p.subscribe((c) => {
      if (c.object.metadata.name === 'bad-listener') throw new Error('cannot read it');
    });
    p.subscribe((c) => seen.push(c.object.metadata.name));
    const forged = { ...ns('evil'), namespace: { ...(ns('evil') as { namespace: object }).namespace, metadata: { name: 'evil', uid: 'evil', labels: 'x' } } } as never;
    const evil = await env.log.append(key('evil'), 0, { v: SCHEMA_VERSION, events: [forged] });
    await env.log.append(key('bad-listener'), 0, { v: SCHEMA_VERSION, events: [ns('bad-listener')] });
    const last = await env.log.append(key('after'), 0, { v: SCHEMA_VERSION, events: [ns('after')] });
    await vi.waitFor(() => expect(p.seq).toBe(last), { timeout: 5_000, interval: 50 });
    expect(p.store.get(key('evil'))).toBeUndefined();
    expect(seen).toEqual(['bad-listener', 'after']);
    expect(warnings).toEqual([
      `skipping record ${evil} (Namespace//evil): malformed object: metadata.labels is not a map of strings`,
      `a listener failed on ADDED Namespace bad-listener (record ${evil + 1}), skipped: cannot read it`,
    ]);
    await p.stop();
  });
});

describe('A projection that holds part of the log (a kubelet: kubeletInterest)', () => {
  const env = withNatsLog();
  const accept = (subject: string) => !subject.includes('.skip-');

  it('skips the records it refuses unparsed — from the snapshot, the backlog and the tail — and its sequence still advances', async () => {
    await env.log.append(key('keep-a'), 0, { v: SCHEMA_VERSION, events: [ns('keep-a')] });
    await env.log.append(key('skip-a'), 0, { v: SCHEMA_VERSION, events: [ns('skip-a')] });
    const full = new Projection(env.log);
    await full.start();
    const snapshot = { seq: full.seq, objects: [...full.store.list('Namespace')] } as never;
    await full.stop();
    await env.log.append(key('skip-b'), 0, { v: SCHEMA_VERSION, events: [ns('skip-b')] });
    // Never parsed: a record of another schema version under a refused subject does not stop it.
    await env.log.append(key('skip-c'), 0, { v: 99, events: [ns('skip-c')] });
    const backlog = await env.log.append(key('keep-b'), 0, { v: SCHEMA_VERSION, events: [ns('keep-b')] });
    const part = new Projection(env.log, undefined, accept);
    await part.start(snapshot);
    expect([...part.store.list('Namespace')].map((o) => o.metadata.name).sort()).toEqual(['keep-a', 'keep-b']);
    expect(part.seq).toBe(backlog);
    const seen: string[] = [];
    part.subscribe((c) => seen.push(c.object.metadata.name));
    await env.log.append(key('skip-d'), 0, { v: SCHEMA_VERSION, events: [ns('skip-d')] });
    const last = await env.log.append(key('keep-c'), 0, { v: SCHEMA_VERSION, events: [ns('keep-c')] });
    await part.waitFor(last);
    expect(seen).toEqual(['keep-c']);
    const skippedLast = await env.log.append(key('skip-e'), 0, { v: SCHEMA_VERSION, events: [ns('skip-e')] });
    await part.waitFor(skippedLast);
    expect(part.store.get(key('skip-e'))).toBeUndefined();
    await part.stop();
  });

  it('skips refused records read on the catch-up thread too', async () => {
    for (const n of ['keep-x', 'skip-x', 'keep-y', 'skip-y']) await env.log.append(key(n), 0, { v: SCHEMA_VERSION, events: [ns(n)] });
    env.log.catchUpInWorkerFrom = 1;
    const part = new Projection(env.log, undefined, accept);
    await part.start();
    env.log.catchUpInWorkerFrom = 20_000;
    const names = [...part.store.list('Namespace')].map((o) => o.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['keep-x', 'keep-y']));
    expect(names.filter((n) => n.startsWith('skip-'))).toEqual([]);
    expect(part.seq).toBe(await env.log.lastSeq());
    await part.stop();
  });
});
