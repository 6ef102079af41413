import type { Deployment, Node, Pod } from '@kubesim/api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl } from './harness';

/**
 * Node pools (issue 18): `kubesim up --nodes 6 --nodes-per-process 3` runs six nodes in two
 * kubelet processes. A pooled node is killed, started, partitioned and healed on its own — the
 * other nodes of its process stay Ready — while SIGKILL of the pool process loses its three nodes
 * at once, as a rack failure (`kubesim node kill-pool` records it so in the log).
 */
const TIME_SCALE = 0.1;

describe.skipIf(!hasKubectl)('node pools, end to end (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const api = async <T>(path: string): Promise<T> => {
    const r = await fetch(cluster.server + path);
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  const readiness = async () => {
    const nodes = (await api<{ items: Node[] }>('/api/v1/nodes')).items;
    return Object.fromEntries(nodes.map((n) => [n.metadata.name, n.status.conditions.find((c) => c.type === 'Ready')?.status]));
  };
  const webPods = async () => (await api<{ items: Pod[] }>('/api/v1/namespaces/default/pods?labelSelector=app%3Dweb')).items;
  const clusterFile = () => JSON.parse(readFileSync(join(cluster.dataDir, 'cluster.json'), 'utf8')) as { pids: Record<string, number>; pools: Record<string, string[]> };
  const all = ['node-1', 'node-2', 'node-3', 'node-4', 'node-5', 'node-6'];
  const expectReady = (r: Record<string, string | undefined>, names: string[], status: 'True' | 'Unknown') => {
    for (const n of names) expect([n, r[n]]).toEqual([n, status]);
  };
  let victim = '';

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 6, timeScale: TIME_SCALE, upArgs: ['--nodes-per-process', '3'] });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('given --nodes 6 --nodes-per-process 3, then six Ready nodes run in two kubelet processes', async () => {
    expect(cluster.output).toContain('6 nodes (2 kubelet pools: kubelet-pool-1 3, kubelet-pool-2 3)');
    const file = clusterFile();
    expect(file.pools).toEqual({ 'kubelet-pool-1': ['node-1', 'node-2', 'node-3'], 'kubelet-pool-2': ['node-4', 'node-5', 'node-6'] });
    const kubelets = Object.keys(file.pids).filter((k) => k.startsWith('kubelet-'));
    expect(kubelets.sort()).toEqual(['kubelet-pool-1', 'kubelet-pool-2']);
    expect(new Set(kubelets.map((k) => file.pids[k])).size).toBe(2);
    await eventually(async () => expectReady(await readiness(), all, 'True'));
    const out = await cluster.kubectlOk('get', 'nodes', '--no-headers');
    expect(out.trim().split('\n').map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(all.map((n) => `${n} Ready`));
  });

  it('given a Deployment of 6, then its pods spread over the pooled nodes and each node answers kubesim node ps', async () => {
    await cluster.kubectlOk('create', 'deployment', 'web', '--image=nginx', '--replicas=6');
    const pods = await eventually(async () => {
      const pods = await webPods();
      expect(pods.filter((p) => p.status.phase === 'Running')).toHaveLength(6);
      return pods;
    }, 60_000);
    const nodes = new Set(pods.map((p) => p.spec.nodeName));
    expect(nodes.size).toBeGreaterThanOrEqual(4);
    victim = ['node-1', 'node-2', 'node-3'].find((n) => nodes.has(n))!;
    expect(victim).toBeDefined();
    const onVictim = pods.find((p) => p.spec.nodeName === victim)!;
    const ps = await cluster.cli('node', 'ps', victim, '--data-dir', cluster.dataDir);
    expect(ps).toMatchObject({ code: 0 });
    expect(ps.stdout).toContain(onVictim.metadata.name);
  });

  it('when one pooled node is killed, then only it goes NotReady and its pods are replaced on the others', async () => {
    const before = (await webPods()).filter((p) => p.spec.nodeName === victim).map((p) => p.metadata.name);
    const r = await cluster.cli('node', 'kill', victim, '--data-dir', cluster.dataDir);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain(`node/${victim} killed (at once, as SIGKILL) — in kubelet-pool-1, pid ${clusterFile().pids['kubelet-pool-1']}`);
    const others = all.filter((n) => n !== victim);
    await eventually(async () => expect((await readiness())[victim]).toBe('Unknown'), 30_000);
    expectReady(await readiness(), others, 'True');
    // The NoExecute taint's default toleration (300 s × time scale), then the ReplicaSet replaces them.
    await eventually(
      async () => {
        const pods = await webPods();
        const alive = pods.filter((p) => !p.metadata.deletionTimestamp);
        expect(alive.filter((p) => p.status.phase === 'Running' && p.spec.nodeName !== victim)).toHaveLength(6);
        for (const name of before) expect(pods.find((p) => p.metadata.name === name)?.metadata.deletionTimestamp ?? 'gone').toBeTruthy();
      },
      90_000,
      500,
    );
    expectReady(await readiness(), others, 'True');
  });

  it('when the killed node is started again, then it is Ready on a new boot and its old pods are gone', async () => {
    const r = await cluster.cli('node', 'start', victim, '--data-dir', cluster.dataDir);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain(`node/${victim} started — in kubelet-pool-1`);
    await eventually(async () => expectReady(await readiness(), all, 'True'), 30_000);
    await eventually(async () => expect((await webPods()).filter((p) => p.spec.nodeName === victim)).toEqual([]), 30_000);
    const events = await cluster.kubectlOk('get', 'events', '--field-selector', `involvedObject.name=${victim},reason=Rebooted`, '--no-headers');
    expect(events).toContain(`Node ${victim} has been rebooted, boot id:`);
  });

  it('when a pooled node is partitioned, then it alone goes NotReady and stops answering; healed, it is Ready again', async () => {
    const cut = victim === 'node-3' ? 'node-2' : 'node-3';
    expect((await cluster.cli('node', 'partition', cut, '--data-dir', cluster.dataDir)).stdout).toContain(`node/${cut} partitioned`);
    await eventually(async () => expect((await readiness())[cut]).toBe('Unknown'), 30_000);
    expectReady(await readiness(), all.filter((n) => n !== cut), 'True');
    expect(await cluster.cli('node', 'ps', cut, '--data-dir', cluster.dataDir)).toMatchObject({ code: 1 });
    expect((await cluster.cli('node', 'heal', cut, '--data-dir', cluster.dataDir)).stdout).toContain(`node/${cut} healed`);
    await eventually(async () => expectReady(await readiness(), all, 'True'), 30_000);
  });

  it('when a pool process is SIGKILLed, then its three nodes go NotReady at once and up names them as lost', async () => {
    await cluster.kill9('kubelet-pool-2');
    await eventually(async () => expectReady(await readiness(), ['node-4', 'node-5', 'node-6'], 'Unknown'), 30_000);
    expectReady(await readiness(), ['node-1', 'node-2', 'node-3'], 'True');
    expect(cluster.output).toContain('kubesim: kubelet-pool-2 exited (SIGKILL); not restarting it. Its nodes are lost: node-4, node-5, node-6.');
    const deploy = await api<Deployment>('/apis/apps/v1/namespaces/default/deployments/web');
    expect(deploy.spec.replicas).toBe(6);
  });

  it('when kubesim node kill-pool kills the other pool, then its nodes are lost and the replay shows the rack lost', async () => {
    const r = await cluster.cli('node', 'kill-pool', 'pool-1', '--data-dir', cluster.dataDir);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('kubelet-pool-1 killed');
    expect(r.stdout).toContain('its nodes node-1, node-2, node-3 are lost');
    await eventually(async () => expectReady(await readiness(), ['node-1', 'node-2', 'node-3'], 'Unknown'), 30_000);
    const replay = await cluster.cli('replay', '--node', 'node-2', '--data-dir', cluster.dataDir);
    expect(replay).toMatchObject({ code: 0 });
    expect(replay.stdout).toContain('node-2 killed by user:kubesim (SIGKILL of its kubelet pool pool-1: the rack is lost)');
  });
});
