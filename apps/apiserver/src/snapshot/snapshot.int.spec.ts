import type { INestApplication } from '@nestjs/common';
import { SCHEMA_VERSION } from '@kubesim/core';
import { connectNats, EventLog, Projection, snapshotName, SnapshotStore, startProjection, takeSnapshot } from '@kubesim/eventlog';
import { startNatsServer, type NatsServerHandle } from '@kubesim/testing';
import type { NatsConnection } from 'nats';
import type { AddressInfo } from 'node:net';
import { startApiserver } from '../apiserver';
import { ApiserverConfig } from '../config/apiserver.config';

const APISERVER_SNAPSHOT = snapshotName('KUBESIM');

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } });
const quiet = { log: () => undefined, warn: vi.fn() };

describe('apiserver start-up from a snapshot', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let log: EventLog;
  let snapshots: SnapshotStore;
  let app: INestApplication | undefined;
  let base = '';

  const start = async () => {
    app = await startApiserver(Object.assign(new ApiserverConfig(), { natsUrl: nats.url, port: 0, logLevel: 'error', disableAdmissionPlugins: 'ServiceAccount' }));
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  };
  const stop = async () => {
    await app?.close();
    app = undefined;
  };
  const fullReplay = async () => {
    const p = new Projection(log);
    await p.start();
    await p.stop();
    return p.store;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connectNats(nats.url, 'test');
    await start();
    for (const n of ['a', 'b', 'c']) {
      const res = await fetch(`${base}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pod(n)) });
      expect(res.status).toBe(201);
    }
    await stop();
    log = await EventLog.open(nc);
    snapshots = await SnapshotStore.open(nc);
  });
  afterAll(async () => {
    await stop();
    await nc?.close();
    await nats?.stop();
  });

  it('a graceful stop leaves a snapshot at the last sequence: start-up restores it and replays nothing', async () => {
    const { projection, report } = await startProjection(log, snapshots, quiet);
    await projection.stop();
    expect(report).toMatchObject({ restoredSeq: await log.lastSeq(), replayed: 0 });
    expect([...projection.store.objects.entries()]).toEqual([...(await fullReplay()).objects.entries()]);
  });

  it('restores an older snapshot and replays the tail: the same state as a full replay', async () => {
    const head = new Projection(log);
    await head.start();
    await head.stop();
    const older = takeSnapshot(head.store, await log.info(), new Date().toISOString());
    older.seq = 3;
    const headAt3 = new Projection(log);
    // Build the true state at 3 by replaying only the first three records.
    for (const r of (await log.readAll()).slice(0, 3)) headAt3.store.apply(r.seq, r.record);
    older.objects = [...headAt3.store.objects.values()];
    await snapshots.save(APISERVER_SNAPSHOT, older);
    const { projection, report } = await startProjection(log, snapshots, quiet);
    await projection.stop();
    expect(report).toMatchObject({ restoredSeq: 3, replayed: (await log.lastSeq()) - 3 });
    expect([...projection.store.objects.entries()].sort()).toEqual([...(await fullReplay()).objects.entries()].sort());
  });

  it.each([
    ['corrupt', async () => snapshots.saveRaw(APISERVER_SNAPSHOT, '{"format":1,"schema":1,"objects":[{"kind"'), /corrupt/],
    [
      'from another schema version',
      async () => snapshots.save(APISERVER_SNAPSHOT, { ...takeSnapshot((await fullReplay()), await log.info(), 'x'), schema: SCHEMA_VERSION + 1 }),
      /schema version/,
    ],
  ])('a %s snapshot is ignored with a warning and the whole log replayed', async (_name, write, reason) => {
    await write();
    const warn = vi.fn();
    const { projection, report } = await startProjection(log, snapshots, { log: () => undefined, warn });
    await projection.stop();
    expect(report.restoredSeq).toBe(0);
    expect(report.rejected).toMatch(reason);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ignoring the projection snapshot: .*replaying the whole log/));
    expect([...projection.store.objects.entries()]).toEqual([...(await fullReplay()).objects.entries()]);
  });

  it('after a restart from a snapshot, a watch from before it gets 410 Expired and one from it sees later changes', async () => {
    await start();
    await stop(); // leaves a fresh snapshot at the end of the log
    const snapSeq = await log.lastSeq();
    await start();
    const expired = await (await fetch(`${base}/api/v1/pods?watch=1&resourceVersion=2`, { signal: AbortSignal.timeout(5000) })).text();
    expect(JSON.parse(expired.split('\n')[0])).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
    const ctl = new AbortController();
    const res = await fetch(`${base}/api/v1/namespaces/default/pods?watch=1&resourceVersion=${snapSeq}`, { signal: ctl.signal });
    await fetch(`${base}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pod('d')) });
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    ctl.abort();
    expect(JSON.parse(new TextDecoder().decode(value).split('\n')[0])).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'd' } } });
    await stop();
  });

  it('snapshots every N records while running, without a stop', async () => {
    process.env.KUBESIM_SNAPSHOT_EVERY = '2';
    try {
      await start();
      for (const n of ['e', 'f']) await fetch(`${base}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pod(n)) });
      const last = await log.lastSeq();
      await vi.waitFor(async () => expect((await snapshots.load(APISERVER_SNAPSHOT, await log.info())).snapshot?.seq).toBe(last), { timeout: 5000, interval: 200 });
    } finally {
      delete process.env.KUBESIM_SNAPSHOT_EVERY;
      await stop();
    }
  });
});
