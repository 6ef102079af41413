import type { Node, Pod } from '@kubesim/api';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Cluster, eventually, ROOT } from './harness';

/**
 * Two "machines": kubelet pools started without `kubesim up`, each its own process reaching the
 * control plane's NATS by URL (as a pool container on another host does), beside `kubesim up
 * --nodes 1`. Each names its nodes from its own pattern; losing one machine loses only its nodes.
 */
describe('two pool processes started by hand against one control plane', () => {
  let cluster: Cluster;
  const racks: Record<string, ChildProcess> = {};
  const output: Record<string, string> = {};
  const api = async <T>(path: string): Promise<T> => (await (await fetch(`${cluster.server}${path}`)).json()) as T;
  const ready = async () =>
    Object.fromEntries((await api<{ items: Node[] }>('/api/v1/nodes')).items.map((n) => [n.metadata.name, n.status.conditions.find((c) => c.type === 'Ready')?.status]));
  const startRack = (name: string) => {
    output[name] = '';
    const p = spawn(process.execPath, [join(ROOT, 'dist/apps/kubelet/src/main.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The broker admits no anonymous process: a machine of its own is given the operator's key
      // (`up` makes users only for the nodes it starts; NodeRestriction still holds each write to
      // the node its subject names).
      env: { ...process.env, KUBESIM_NATS_URL: cluster.natsUrl, KUBESIM_NATS_CREDENTIALS: cluster.natsCredentials('admin'), KUBESIM_TIME_SCALE: '0.1', KUBESIM_POOL_NAME: name, KUBESIM_POOL_NODES: JSON.stringify({ pattern: `${name}-{i}`, count: 3 }) },
    });
    p.stdout!.on('data', (d) => (output[name] += d));
    p.stderr!.on('data', (d) => (output[name] += d));
    racks[name] = p;
  };

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: 0.1 });
    await cluster.up();
    startRack('rack-a');
    startRack('rack-b');
  }, 120_000);
  afterAll(async () => {
    for (const p of Object.values(racks)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGTERM');
    await cluster?.down();
  });

  it('given two racks of three, then seven nodes are Ready, each rack node with a /24 of its own', async () => {
    const names = ['node-1', 'rack-a-1', 'rack-a-2', 'rack-a-3', 'rack-b-1', 'rack-b-2', 'rack-b-3'];
    await eventually(async () => expect(await ready()).toEqual(Object.fromEntries(names.map((n) => [n, 'True']))), 60_000);
    const cidrs = (await api<{ items: Node[] }>('/api/v1/nodes')).items.map((n) => n.spec.podCIDR);
    expect(new Set(cidrs).size).toBe(7);
  });

  it('runs a pod pinned to a rack node there', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'on-rack-b' }, spec: { nodeSelector: { 'kubernetes.io/hostname': 'rack-b-2' }, containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }] } };
    const res = await fetch(`${cluster.server}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pod) });
    expect(res.status).toBe(201);
    await eventually(async () => {
      const p = await api<Pod>('/api/v1/namespaces/default/pods/on-rack-b');
      expect([p.spec.nodeName, p.status.phase]).toEqual(['rack-b-2', 'Running']);
    }, 60_000);
  });

  it('when the rack-a machine is lost (its process SIGKILLed), then its three nodes go NotReady and rack-b stays Ready', async () => {
    racks['rack-a'].kill('SIGKILL');
    await eventually(async () => {
      const r = await ready();
      expect([r['rack-a-1'], r['rack-a-2'], r['rack-a-3']]).toEqual(['Unknown', 'Unknown', 'Unknown']);
      expect([r['node-1'], r['rack-b-1'], r['rack-b-2'], r['rack-b-3']]).toEqual(['True', 'True', 'True', 'True']);
    }, 60_000);
  });
});
