import type { Deployment, Pod } from '@kubesim/api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually } from './harness';

/**
 * Issue 4's central lesson: a controller-managed pod is replaced elsewhere after its node is lost;
 * a standalone pod is not. Three nodes, a Deployment and a standalone pod on node-2; node-2 is
 * killed; after the toleration the Deployment is whole again on healthy nodes while the
 * standalone pod stays Unknown; node-2 returns: the standalone pod runs again, the evicted pods
 * are gone. Timings are the configured defaults × the time scale.
 */
const TIME_SCALE = 0.1;
const s = (seconds: number) => seconds * 1000 * TIME_SCALE;

describe('node loss with a Deployment, end to end', () => {
  let cluster: Cluster;
  const json = async <T>(...args: string[]) => JSON.parse((await cluster.cli('get', ...args, '-o', 'json')).stdout) as T;
  const pods = async () => (await json<{ items: Pod[] }>('pods')).items;
  const apply = async (name: string, yaml: string) => {
    const f = join(cluster.dataDir, `${name}.yaml`);
    writeFileSync(f, yaml);
    expect((await cluster.cli('apply', '-f', f)).code).toBe(0);
  };

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 3, timeScale: TIME_SCALE });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  let evicted: string[] = [];

  it('runs a 6-replica Deployment across the nodes and a standalone pod on node-2', async () => {
    await apply(
      'web',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 6\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.25\n',
    );
    // The standalone pod tolerates the unreachable taint for 600 s: it outlives the Deployment's 300 s.
    await apply(
      'solo',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  nodeName: node-2\n  tolerations:\n  - key: node.kubernetes.io/unreachable\n    operator: Exists\n    effect: NoExecute\n    tolerationSeconds: 600\n  containers:\n  - name: app\n    image: nginx:1.25\n',
    );
    await eventually(async () => {
      const running = (await pods()).filter((p) => p.status.phase === 'Running');
      expect(running).toHaveLength(7);
    }, 30_000);
    evicted = (await pods()).filter((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName === 'node-2').map((p) => p.metadata.name);
    expect(evicted.length).toBeGreaterThan(0);
  });

  it('kill node-2: NotReady, its pods Unknown; after the toleration the Deployment is back to 6 Running pods on healthy nodes, the standalone pod stays Unknown', async () => {
    expect((await cluster.cli('node', 'kill', 'node-2', '--data-dir', cluster.dataDir)).code).toBe(0);
    const killedAt = Date.now();
    await eventually(async () => expect((await cluster.cli('get', 'nodes')).stdout).toMatch(/node-2\s+NotReady/), s(50 + 5) + 10_000, 100);
    await eventually(async () => {
      const table = (await cluster.cli('get', 'pods')).stdout;
      expect(table).toMatch(/solo\s+1\/1\s+Unknown/);
      for (const name of evicted) expect(table).toMatch(new RegExp(`${name}\\s+1/1\\s+Unknown`));
    }, 10_000, 100);
    await eventually(async () => {
      const web = (await pods()).filter((p) => p.metadata.labels?.app === 'web' && !p.metadata.deletionTimestamp && p.status.phase === 'Running');
      expect(web).toHaveLength(6);
      expect(web.every((p) => p.spec.nodeName !== 'node-2')).toBe(true);
    }, s(50 + 5 + 300) + 30_000, 250);
    // Not before the toleration ran out (grace 50 s + 300 s, minus one lease period).
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(s(50 + 300 - 10));
    const d = await json<Deployment>('deploy', 'web');
    expect(d.status.availableReplicas).toBe(6);
    const solo = (await pods()).find((p) => p.metadata.name === 'solo')!;
    expect(solo.status.phase).toBe('Unknown');
    expect(solo.metadata.deletionTimestamp).toBeUndefined();
    // The evicted pods wait, Terminating, for their node to confirm.
    for (const name of evicted) expect((await pods()).find((p) => p.metadata.name === name)?.metadata.deletionTimestamp).toBeDefined();
  });

  it('start node-2: Ready, the standalone pod Running again, the evicted pods gone', async () => {
    expect((await cluster.cli('node', 'start', 'node-2', '--data-dir', cluster.dataDir)).code).toBe(0);
    await eventually(async () => expect((await cluster.cli('get', 'nodes')).stdout).toMatch(/node-2\s+Ready\s/), 30_000);
    await eventually(async () => {
      const all = await pods();
      expect(all.find((p) => p.metadata.name === 'solo')?.status.phase).toBe('Running');
      for (const name of evicted) expect(all.some((p) => p.metadata.name === name)).toBe(false);
      expect(all.filter((p) => p.metadata.labels?.app === 'web')).toHaveLength(6);
    }, 30_000);
  });

  it('a deleted node’s pods are collected by PodGC after its quarantine; the Deployment replaces them', async () => {
    const onNode3 = (await pods()).filter((p) => p.spec.nodeName === 'node-3').map((p) => p.metadata.name);
    expect(onNode3.length).toBeGreaterThan(0);
    const res = await fetch(`${cluster.server}/api/v1/nodes/node-3`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const deletedAt = Date.now();
    await eventually(async () => {
      const all = await pods();
      for (const n of onNode3) expect(all.some((p) => p.metadata.name === n)).toBe(false);
    }, s(40) + 20_000, 200);
    // Not before the 40 s quarantine (× the time scale).
    expect(Date.now() - deletedAt).toBeGreaterThanOrEqual(s(40) - 500);
    await eventually(async () => {
      const web = (await pods()).filter((p) => p.metadata.labels?.app === 'web' && p.status.phase === 'Running' && !p.metadata.deletionTimestamp);
      expect(web).toHaveLength(6);
      expect(web.every((p) => p.spec.nodeName !== 'node-3')).toBe(true);
    }, 30_000);
  });
});
