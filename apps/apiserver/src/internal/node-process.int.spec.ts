import type { INestApplication } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import type { Node } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import { connectNats, EventLog } from '@kubesim/eventlog';
import { aNode, startNatsServer, type NatsServerHandle } from '@kubesim/testing';
import type { NatsConnection } from 'nats';
import type { AddressInfo } from 'node:net';
import { startApiserver } from '../apiserver';
import { ApiserverConfig } from '../config/apiserver.config';

/** What-if (issue 5): `kubesim up` records a user's `kubesim node …` through the apiserver. */
describe('recording node process actions (kubesim.api.nodes.process)', () => {
  let nats: NatsServerHandle;
  let app: INestApplication;
  let base: string;
  let nc: NatsConnection;
  let log: EventLog;
  let user: ApiClient;
  let kubelet: ApiClient;
  const node = async (name: string) => (await (await fetch(`${base}/api/v1/nodes/${name}`)).json()) as Node;

  beforeAll(async () => {
    nats = await startNatsServer();
    app = await startApiserver(Object.assign(new ApiserverConfig(), { natsUrl: nats.url, port: 0, logLevel: 'error', timeScale: 0.1 }));
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    nc = await connectNats(nats.url, 'test');
    log = await EventLog.open(nc);
    const client = () => ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [nats.url] } });
    user = new ApiClient(client(), 'user:kubesim');
    kubelet = new ApiClient(client(), 'kubelet/node-2');
  });
  afterAll(async () => {
    await user?.close();
    await kubelet?.close();
    await nc?.close();
    await app?.close();
    await nats?.stop();
  });

  it('appends a NodeProcessAction on the Node’s subject; the Node is unchanged but for its resourceVersion, and later writes to it still succeed', async () => {
    expect((await kubelet.registerNode({ node: aNode('node-2') })).ok).toBe(true);
    const before = await node('node-2');
    const r = await user.recordNodeProcessAction({ name: 'node-2', action: 'kill', cause: 'kubesim node kill node-2' });
    expect(r).toMatchObject({ ok: true });
    const last = (await log.readAll()).at(-1)!;
    expect(last.subject).toBe('ks.node._.node-2');
    expect(last.record.events).toEqual([expect.objectContaining({ type: 'NodeProcessAction', name: 'node-2', action: 'kill', by: 'user:kubesim', cause: 'kubesim node kill node-2', timeScale: 0.1 })]);
    const after = await node('node-2');
    expect(after).toEqual({ ...before, metadata: { ...before.metadata, resourceVersion: String(last.seq) } });
    expect((await user.setNodeUnschedulable({ name: 'node-2', unschedulable: true })).ok).toBe(true);
  });

  it('records the add of a node that has not registered yet; its registration follows', async () => {
    expect((await user.recordNodeProcessAction({ name: 'node-4', action: 'add', node: { cpu: '2' } })).ok).toBe(true);
    expect((await kubelet.registerNode({ node: aNode('node-4') })).ok).toBe(true);
    expect((await node('node-4')).metadata.name).toBe('node-4');
  });

  it('refuses an unknown action with a 400-style reply, and writes nothing', async () => {
    const seq = await log.lastSeq();
    const r = await user.recordNodeProcessAction({ name: 'node-2', action: 'explode' as never });
    expect(r).toMatchObject({ ok: false, status: { code: 400, reason: 'BadRequest' } });
    expect(await log.lastSeq()).toBe(seq);
  });

  it.each([
    ['a field the options do not have', { cpu: '2', gpus: 4 }, 'node.property gpus should not exist'],
    ['a number where a string belongs', { cpu: 2 }, 'node.cpu must be a string'],
  ])('refuses node add options with %s, naming the field, and writes nothing', async (_case, node, message) => {
    const seq = await log.lastSeq();
    const r = await user.recordNodeProcessAction({ name: 'node-9', action: 'add', node: node as never });
    expect(r).toMatchObject({ ok: false, status: { code: 400, reason: 'BadRequest' } });
    expect(JSON.stringify(r)).toContain(message);
    expect(await log.lastSeq()).toBe(seq);
  });
});
