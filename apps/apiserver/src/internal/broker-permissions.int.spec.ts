import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import type { INestApplication } from '@nestjs/common';
import { startApiserver } from '../apiserver';
import { ApiserverConfig } from '../config/apiserver.config';
import { ApiClient } from '@kubesim/cluster-client';
import { AUTHORIZATION_FILE, BrokerAuth, connectNats, EventLog, natsAuthOptions, type NatsCredentials } from '@kubesim/eventlog';
import { aNode, aPod, startNatsServer, type NatsServerHandle } from '@kubesim/testing';
import type { NatsConnection } from 'nats';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The forgeries of issue 15 against a real nats-server started with the config `kubesim up`
 * generates, and an apiserver connected as its own user: each one refused.
 */
describe('broker permissions: a real nats-server with the generated users', () => {
  let dir: string;
  let nats: NatsServerHandle;
  let app: INestApplication;
  let admin: NatsConnection;
  let log: EventLog;
  const files: Record<string, string> = {};
  const open: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubesim-broker-'));
    const auth = new BrokerAuth(dir);
    files.apiserver = auth.user({ kind: 'apiserver' });
    files.admin = auth.user({ kind: 'admin' });
    files.scheduler = auth.user({ kind: 'scheduler' });
    files.node1 = auth.user({ kind: 'kubelet', nodes: ['node-1'] });
    files.node2 = auth.user({ kind: 'kubelet', nodes: ['node-2'] });
    files.pool = auth.user({ kind: 'kubelet', pool: 'pool-1', nodes: ['node-11', 'node-12'] });
    auth.writeConfig();
    const config = join(dir, 'nats.conf');
    // As `kubesim up` writes it (nats-cluster.ts serverConfig).
    writeFileSync(config, `include "nats-auth/${AUTHORIZATION_FILE}"\n`);
    nats = await startNatsServer({ config });
    process.env.KUBESIM_NATS_CREDENTIALS = files.apiserver;
    try {
      app = await startApiserver(Object.assign(new ApiserverConfig(), { natsUrl: nats.url, port: 0, logLevel: 'error', disableAdmissionPlugins: 'ServiceAccount' }));
    } finally {
      delete process.env.KUBESIM_NATS_CREDENTIALS;
    }
    admin = await connectNats(nats.url, 'test-admin', { once: true, credentials: files.admin });
    log = await EventLog.open(admin);
  });

  afterAll(async () => {
    for (const c of open) await c.close().catch(() => undefined);
    await admin?.close();
    await app?.close();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A kubelet's connection (as `kubesim up` gives it: its own credentials file). */
  const as = async (file: string) => {
    const nc = await connectNats(nats.url, 'test', { once: true, credentials: file });
    open.push(nc);
    return nc;
  };
  const apiAs = (file: string, by: string) => {
    const c = new ApiClient(ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [nats.url], ...natsAuthOptions(file) } }), by, 5_000);
    open.push(c);
    return c;
  };
  /** The server's next permission error on `nc` (`publish ks.node._.node-2`), or undefined within a second. */
  const nextViolation = (nc: NatsConnection) => {
    const errors = (async () => {
      for await (const s of nc.status()) {
        const ctx = (s as { permissionContext?: { operation: string; subject: string } }).permissionContext;
        if (s.type === 'error' && s.data === 'PERMISSIONS_VIOLATION') return ctx ? `${ctx.operation} ${ctx.subject}` : 'PERMISSIONS_VIOLATION';
      }
      return undefined;
    })();
    return Promise.race([errors, new Promise<undefined>((r) => setTimeout(() => r(undefined), 1_000))]);
  };
  /** Publishes as `nc`; resolves with the server's permission error, if any. */
  const publishRefusal = async (nc: NatsConnection, subject: string, payload = '{}') => {
    const violation = nextViolation(nc);
    nc.publish(subject, new TextEncoder().encode(payload));
    await nc.flush();
    return violation;
  };

  it('an anonymous connection is refused', async () => {
    await expect(connectNats(nats.url, 'anonymous', { once: true })).rejects.toThrow(/Authorization Violation/i);
  });

  it('a wrong password is refused', async () => {
    const wrong = join(dir, 'wrong.json');
    const c = JSON.parse(readFileSync(files.node1, 'utf8')) as NatsCredentials;
    writeFileSync(wrong, JSON.stringify({ ...c, password: 'guess' }));
    await expect(connectNats(nats.url, 'guess', { once: true, credentials: wrong })).rejects.toThrow(/Authorization Violation/i);
  });

  it('a kubelet registers its own node; the log records the authenticated identity, not the one it declares', async () => {
    const kubelet = apiAs(files.node1, 'kubelet/node-1');
    expect(await kubelet.registerNode({ node: aNode('node-1'), by: 'default-scheduler' })).toMatchObject({ ok: true });
    expect(await apiAs(files.node2, 'kubelet/node-2').registerNode({ node: aNode('node-2') })).toMatchObject({ ok: true });
    const last = (await log.readAll()).filter((r) => r.subject === 'ks.node._.node-1').at(-1)!;
    expect(last.record.events[0]).toMatchObject({ type: 'NodeRegistered', by: 'system:node:node-1' });
  });

  it('a kubelet reading the log through a consumer works (it follows the log as every component does)', async () => {
    const records = await (await EventLog.open(await as(files.node1))).readAll();
    expect(records.some((r) => r.subject === 'ks.node._.node-1')).toBe(true);
  });

  it('a kubelet user reporting status for another node’s pod on that node’s subject: a permission violation, nothing written', async () => {
    const seq = await log.lastSeq();
    const payload = JSON.stringify({ by: 'kubelet/node-2', namespace: 'default', name: 'web', uid: 'u', node: 'node-2', status: { phase: 'Failed' } });
    expect(await publishRefusal(await as(files.node1), 'kubesim.api.pods.status.node.node-2', payload)).toBe('publish kubesim.api.pods.status.node.node-2');
    // Through the typed client: the apiserver never hears of it, the request times out.
    const forged = apiAs(files.node1, 'kubelet/node-1').as('kubelet/node-2');
    await expect(forged.reportPodStatus({ namespace: 'default', name: 'web', uid: 'u', node: 'node-2', status: { phase: 'Failed' } })).rejects.toThrow(/kubesim\.api\.pods\.status\.node\.node-2: Timeout/);
    expect(await log.lastSeq()).toBe(seq);
  });

  it('… and on its own subject: NodeRestriction refuses it with upstream’s message, nothing written', async () => {
    const pod = { ...aPod('web', { nodeName: 'node-2' }) };
    await log.append({ kind: 'Pod', namespace: 'default', name: 'web' }, 0, { v: 1, events: [{ type: 'PodCreated', at: new Date().toISOString(), by: 'test', pod }] } as never);
    const seq = await log.lastSeq();
    const r = await apiAs(files.node1, 'kubelet/node-1').reportPodStatus({ namespace: 'default', name: 'web', uid: pod.metadata.uid!, node: 'node-2', status: { phase: 'Failed' } });
    expect(r).toMatchObject({ ok: false, status: { code: 403, reason: 'Forbidden', message: 'pods "web" is forbidden: node "node-1" can only update pod status for pods with spec.nodeName set to itself' } });
    expect(await apiAs(files.node1, 'kubelet/node-1').deletePod({ namespace: 'default', name: 'web', gracePeriodSeconds: 0 })).toMatchObject({ ok: false, status: { code: 403, message: 'pods "web" is forbidden: node "node-1" can only delete pods with spec.nodeName set to itself' } });
    expect(await apiAs(files.node1, 'kubelet/node-1').setNodeCondition({ name: 'node-2', condition: { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'x', lastHeartbeatTime: new Date().toISOString(), lastTransitionTime: new Date().toISOString() } })).toMatchObject({
      ok: false,
      status: { code: 403, message: 'nodes "node-2" is forbidden: node "node-1" is not allowed to modify node "node-2"' },
    });
    expect(await log.lastSeq()).toBe(seq);
  });

  it('a kubelet user tainting another node: a permission violation (a kubelet has no taint subject), nothing written', async () => {
    const seq = await log.lastSeq();
    const nc = await as(files.node1);
    const taint = JSON.stringify({ by: 'node-controller', name: 'node-2', taints: [{ key: 'evil', effect: 'NoExecute' }] });
    expect(await publishRefusal(nc, 'kubesim.api.nodes.taint.node.node-1', taint)).toBe('publish kubesim.api.nodes.taint.node.node-1');
    // Posing as the controller-manager is no better.
    expect(await publishRefusal(nc, 'kubesim.api.nodes.taint.controller-manager', taint)).toBe('publish kubesim.api.nodes.taint.controller-manager');
    expect(await log.lastSeq()).toBe(seq);
    expect((await (await fetchNode(app, 'node-2')).json()).spec.taints).toBeUndefined();
  });

  it('a kubelet user publishing NodeDeleted straight into the stream subject: a permission violation, the node stays', async () => {
    const seq = await log.lastSeq();
    const nc = await as(files.node1);
    const record = JSON.stringify({ v: 1, events: [{ type: 'NodeDeleted', at: new Date().toISOString(), by: 'system:node:node-1', name: 'node-2' }] });
    expect(await publishRefusal(nc, 'ks.node._.node-2', record)).toBe('publish ks.node._.node-2');
    await expect(nc.jetstream().publish('ks.node._.node-2', new TextEncoder().encode(record), { timeout: 2_000 })).rejects.toThrow();
    expect(await log.lastSeq()).toBe(seq);
    expect((await fetchNode(app, 'node-2')).status).toBe(200);
  });

  it.each(['$JS.API.STREAM.PURGE.KUBESIM', '$JS.API.STREAM.DELETE.KUBESIM', '$JS.API.STREAM.MSG.DELETE.KUBESIM', '$JS.API.STREAM.PURGE.KV_kubesim_leases', '$JS.API.STREAM.DELETE.OBJ_kubesim_snapshots'])(
    'a kubelet user calling %s: a permission violation, the stream is whole',
    async (subject) => {
      const seq = await log.lastSeq();
      const nc = await as(files.node1);
      expect(await publishRefusal(nc, subject)).toBe(`publish ${subject}`);
      await expect(nc.request(subject, new TextEncoder().encode('{}'), { timeout: 2_000 })).rejects.toThrow();
      expect(await log.lastSeq()).toBe(seq);
      expect((await log.info()).firstSeq).toBe(1);
    },
  );

  it('a kubelet user renewing another node’s lease: a permission violation', async () => {
    const nc = await as(files.node1);
    expect(await publishRefusal(nc, '$KV.kubesim_leases.node-2')).toBe('publish $KV.kubesim_leases.node-2');
    expect(await publishRefusal(nc, '$KV.kubesim_leases.node-1', '{"holderIdentity":"node-1","leaseDurationSeconds":40,"renewTime":"2026-01-01T00:00:00Z"}')).toBeUndefined();
  });

  it('a kubelet user listening to the apiserver’s requests or another user’s replies: a permission violation', async () => {
    const nc = await as(files.node1);
    let violation = nextViolation(nc);
    nc.subscribe('kubesim.api.>');
    await nc.flush();
    expect(await violation).toBe('subscription kubesim.api.>');
    violation = nextViolation(nc);
    nc.subscribe('_INBOX_apiserver.>');
    await nc.flush();
    expect(await violation).toBe('subscription _INBOX_apiserver.>');
  });

  it('a pool’s user writes for each of its nodes, and for no other', async () => {
    const pool = apiAs(files.pool, 'kubelet/node-11');
    expect(await pool.registerNode({ node: aNode('node-11') })).toMatchObject({ ok: true });
    expect(await pool.as('kubelet/node-12').registerNode({ node: aNode('node-12') })).toMatchObject({ ok: true });
    expect(await publishRefusal(await as(files.pool), 'kubesim.api.nodes.register.node.node-1', JSON.stringify({ by: 'x', node: aNode('node-1') }))).toBe('publish kubesim.api.nodes.register.node.node-1');
    const registered = (await log.readAll()).filter((r) => r.record.events.some((e) => e.type === 'NodeRegistered')).map((r) => r.record.events[0].by);
    expect(registered).toEqual(expect.arrayContaining(['system:node:node-11', 'system:node:node-12']));
  });

  it('the scheduler cannot write the stream nor speak for a kubelet', async () => {
    const nc = await as(files.scheduler);
    expect(await publishRefusal(nc, 'ks.pod.default.web')).toBe('publish ks.pod.default.web');
    expect(await publishRefusal(nc, 'kubesim.api.pods.status.node.node-1')).toBe('publish kubesim.api.pods.status.node.node-1');
  });
});

const fetchNode = async (app: INestApplication, name: string) => {
  const port = (app.getHttpServer().address() as { port: number }).port;
  return fetch(`http://127.0.0.1:${port}/api/v1/nodes/${name}`);
};
