import type { Node, Pod } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import { connectNats, EventLog, natsAuthOptions, natsServers } from '@kubesim/eventlog';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import type { NatsConnection } from 'nats';
import { statSync } from 'node:fs';
import { Cluster, eventually } from './harness';

/**
 * Issue 15's broker forgeries, from outside a running `kubesim up`, with what a kubelet has: the
 * credentials file `kubesim up` gives node-1's kubelet. Each one is refused and changes nothing;
 * the log records who really wrote (`kubesim replay`).
 */
describe('broker permissions: a kubelet’s credentials cannot forge another node’s writes', () => {
  let cluster: Cluster;
  let kubelet: NatsConnection;
  /** The typed client a kubelet writes with, on node-1's credentials. */
  let kubeletApi: ApiClient;
  const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
  const api = (path: string) => fetch(`${cluster.server}${path}`);
  const pod = async (name: string) => (await (await api(`/api/v1/namespaces/default/pods/${name}`)).json()) as Pod;
  const node = async (name: string) => (await (await api(`/api/v1/nodes/${name}`)).json()) as Node;
  const lastSeq = async () => {
    const nc = await connectNats(cluster.natsUrl, 'e2e', { once: true, credentials: cluster.natsCredentials() });
    try {
      return await (await EventLog.open(nc)).lastSeq();
    } finally {
      await nc.close();
    }
  };

  /** Publishes as `nc` (a request, as a component does); resolves with the server's permission error or the apiserver's reply. */
  async function send(nc: NatsConnection, subject: string, payload: unknown): Promise<string> {
    const violation = (async () => {
      for await (const s of nc.status()) {
        const ctx = (s as { permissionContext?: { operation: string; subject: string } }).permissionContext;
        if (s.type === 'error' && ctx) return `refused: Permissions Violation for ${ctx.operation === 'publish' ? 'Publish' : 'Subscription'} to "${ctx.subject}"`;
      }
      return 'closed';
    })();
    // nats.js rejects a request the server refused with the server's own words.
    const reply = nc.request(subject, enc(payload), { timeout: 3_000 }).then(
      (m) => `reply: ${m.string()}`,
      (e: Error) => {
        const refused = /Permissions Violation for \w+ to "[^"]+"/.exec(e.message);
        return refused ? `refused: ${refused[0]}` : `no reply: ${e.message}`;
      },
    );
    return Promise.race([violation, reply]);
  }

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 3, timeScale: 0.1 });
    await cluster.up();
    kubelet = await connectNats(cluster.natsUrl, 'forger', { once: true, credentials: cluster.natsCredentials('kubelet-node-1') });
    kubeletApi = new ApiClient(
      ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: natsServers(cluster.natsUrl), ...natsAuthOptions(cluster.natsCredentials('kubelet-node-1')) } }),
      'kubelet/node-1',
    );
    const created = await fetch(`${cluster.server}/api/v1/namespaces/default/pods`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'on-node-2' }, spec: { nodeName: 'node-2', containers: [{ name: 'app', image: 'nginx' }] } }),
    });
    expect(created.status).toBe(201);
    await eventually(async () => expect((await pod('on-node-2')).status.phase).toBe('Running'), 30_000);
  });
  afterAll(async () => {
    await kubelet?.close();
    await kubeletApi?.close();
    await cluster?.down();
  });

  it('every credentials file is 0600 in a 0700 directory', () => {
    expect(statSync(cluster.natsCredentials('kubelet-node-1')).mode & 0o777).toBe(0o600);
    expect(statSync(cluster.natsCredentials('apiserver')).mode & 0o777).toBe(0o600);
    expect(statSync(`${cluster.dataDir}/nats-auth`).mode & 0o777).toBe(0o700);
  });

  it('an anonymous connection is refused', async () => {
    await expect(connectNats(cluster.natsUrl, 'anonymous', { once: true })).rejects.toThrow(/Authorization Violation/i);
  });

  it('node-1’s kubelet reporting status for a pod on node-2: refused by the broker on node-2’s subject, by NodeRestriction on its own', async () => {
    const seq = await lastSeq();
    const status = { phase: 'Failed', reason: 'Forged' };
    const forged = { by: 'kubelet/node-2', namespace: 'default', name: 'on-node-2', uid: (await pod('on-node-2')).metadata.uid, node: 'node-2', status };
    expect(await send(kubelet, 'kubesim.api.pods.status.node.node-2', forged)).toBe('refused: Permissions Violation for Publish to "kubesim.api.pods.status.node.node-2"');
    // On its own subject, as its kubelet's client sends it: the apiserver's NodeRestriction.
    const { by: _by, ...request } = forged;
    expect(await kubeletApi.reportPodStatus(request as never)).toMatchObject({
      ok: false,
      status: { code: 403, reason: 'Forbidden', message: 'pods "on-node-2" is forbidden: node "node-1" can only update pod status for pods with spec.nodeName set to itself' },
    });
    expect((await pod('on-node-2')).status.phase).toBe('Running');
    expect(await lastSeq()).toBe(seq);
  });

  it('node-1’s kubelet tainting node-2 or deleting its pod: refused', async () => {
    const taint = { by: 'node-controller', name: 'node-2', taints: [{ key: 'forged', effect: 'NoExecute' }] };
    expect(await send(kubelet, 'kubesim.api.nodes.taint.controller-manager', taint)).toBe('refused: Permissions Violation for Publish to "kubesim.api.nodes.taint.controller-manager"');
    expect(await send(kubelet, 'kubesim.api.nodes.taint.node.node-1', taint)).toBe('refused: Permissions Violation for Publish to "kubesim.api.nodes.taint.node.node-1"');
    expect(await send(kubelet, 'kubesim.api.pods.delete.controller-manager', { by: 'x', namespace: 'default', name: 'on-node-2' })).toBe('refused: Permissions Violation for Publish to "kubesim.api.pods.delete.controller-manager"');
    expect(await kubeletApi.deletePod({ namespace: 'default', name: 'on-node-2', gracePeriodSeconds: 0 })).toMatchObject({ ok: false, status: { code: 403, message: 'pods "on-node-2" is forbidden: node "node-1" can only delete pods with spec.nodeName set to itself' } });
    expect((await node('node-2')).spec.taints ?? []).toEqual([]);
    expect((await pod('on-node-2')).metadata.deletionTimestamp).toBeUndefined();
  });

  it('node-1’s kubelet publishing NodeDeleted into the KUBESIM stream, or purging it: a permission violation; node-2 stays', async () => {
    const seq = await lastSeq();
    const record = { v: 1, events: [{ type: 'NodeDeleted', at: new Date().toISOString(), by: 'system:node:node-1', name: 'node-2' }] };
    expect(await send(kubelet, 'ks.node._.node-2', record)).toBe('refused: Permissions Violation for Publish to "ks.node._.node-2"');
    expect(await send(kubelet, '$JS.API.STREAM.PURGE.KUBESIM', {})).toBe('refused: Permissions Violation for Publish to "$JS.API.STREAM.PURGE.KUBESIM"');
    expect(await send(kubelet, '$JS.API.STREAM.DELETE.KUBESIM', {})).toBe('refused: Permissions Violation for Publish to "$JS.API.STREAM.DELETE.KUBESIM"');
    expect(await lastSeq()).toBeGreaterThanOrEqual(seq);
    expect((await api('/api/v1/nodes/node-2')).status).toBe(200);
    expect((await node('node-2')).status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('a node added to the running cluster gets its own user (the broker reloads its config) and is as restricted', async () => {
    expect((await cluster.cli('node', 'add', 'node-4', '--data-dir', cluster.dataDir)).code).toBe(0);
    await eventually(async () => expect((await node('node-4')).status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True'), 60_000);
    const added = await connectNats(cluster.natsUrl, 'forger-4', { once: true, credentials: cluster.natsCredentials('kubelet-node-4') });
    try {
      expect(await send(added, 'kubesim.api.nodes.condition.node.node-1', { by: 'x', name: 'node-1', condition: {} })).toBe('refused: Permissions Violation for Publish to "kubesim.api.nodes.condition.node.node-1"');
    } finally {
      await added.close();
    }
  });

  it('kubesim replay shows the authenticated identities', async () => {
    const r = await cluster.cli('replay', '--data-dir', cluster.dataDir, '--pod', 'on-node-2');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/default\/on-node-2\s+Running\s+Running\s+node-2\s+.*system:node:node-2\n/);
    expect(r.stdout).not.toContain('kubelet/node-');
  });
});
