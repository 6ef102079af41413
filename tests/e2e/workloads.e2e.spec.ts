import type { Deployment, Pod } from '@kubesim/api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually } from './harness';

const deployment = (image: string, replicas = 3) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

const daemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sleep", "3600"]
`;

/** Deployments, ReplicaSets and DaemonSets driven through the kubesim CLI, as a user does. */
describe('workload controllers, end to end', () => {
  let cluster: Cluster;
  const file = (name: string, body: string) => {
    const f = join(cluster.dataDir, `${name}.yaml`);
    writeFileSync(f, body);
    return f;
  };
  const json = async <T>(...args: string[]): Promise<T> => {
    const r = await cluster.cli('get', ...args, '-o', 'json');
    if (r.code !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as T;
  };
  const runningWeb = async () => (await json<{ items: Pod[] }>('pods', '-l', 'app=web')).items.filter((p) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp);

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 3, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('runs a 3-replica Deployment through a ReplicaSet named <deployment>-<pod-template-hash>', async () => {
    expect((await cluster.cli('apply', '-f', file('web', deployment('nginx:1.14.2')))).stdout).toBe('deployment.apps/web created\n');
    const done = await cluster.cli('rollout', 'status', 'deployment/web', '--timeout', '60');
    expect(done.stdout).toContain('deployment "web" successfully rolled out');
    const pods = await runningWeb();
    expect(pods).toHaveLength(3);
    const rs = pods[0].metadata.ownerReferences![0];
    expect(rs).toMatchObject({ kind: 'ReplicaSet', controller: true });
    expect(rs.name).toBe(`web-${pods[0].metadata.labels!['pod-template-hash']}`);
    for (const p of pods) expect(p.metadata.name).toMatch(new RegExp(`^${rs.name}-[a-z0-9]{5}$`));
    const table = await cluster.cli('get', 'deploy');
    expect(table.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+3\/3\s+3\s+3\s+\d+s\n$/);
  });

  it('replaces a deleted pod with a new one (a new name), keeping 3 replicas', async () => {
    const [victim] = await runningWeb();
    await cluster.cli('delete', 'pod', victim.metadata.name, '--wait=false');
    await eventually(async () => {
      const pods = await runningWeb();
      expect(pods).toHaveLength(3);
      expect(pods.map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
    }, 30_000);
  });

  it('rolls out a new image: a new ReplicaSet, ScalingReplicaSet events, the old one scaled to 0', async () => {
    expect((await cluster.cli('apply', '-f', file('web', deployment('nginx:1.16.1')))).stdout).toBe('deployment.apps/web configured\n');
    const done = await cluster.cli('rollout', 'status', 'deployment/web', '--timeout', '60');
    expect(done.stdout).toContain('successfully rolled out');
    const pods = await runningWeb();
    expect(pods.map((p) => p.spec.containers[0].image)).toEqual(['nginx:1.16.1', 'nginx:1.16.1', 'nginx:1.16.1']);
    const rs = await cluster.cli('get', 'rs');
    expect(rs.stdout.match(/web-\w+\s+0\s+0\s+0/g)).toHaveLength(1);
    expect(rs.stdout.match(/web-\w+\s+3\s+3\s+3/g)).toHaveLength(1);
    const d = await json<Deployment>('deploy', 'web');
    expect(d.status.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    const events = await cluster.cli('get', 'events');
    expect(events.stdout).toMatch(/ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-\w+ from 0 to 1/);
    expect(events.stdout).toMatch(/ScalingReplicaSet\s+deployment\/web\s+Scaled down replica set web-\w+ from 3 to 2/);
  });

  it('scales through the scale subresource', async () => {
    expect((await cluster.cli('scale', 'deployment/web', '--replicas', '5')).stdout).toBe('deployment.apps/web scaled\n');
    await eventually(async () => expect(await runningWeb()).toHaveLength(5), 30_000);
    await cluster.cli('scale', 'deployment/web', '--replicas', '2');
    await eventually(async () => expect(await runningWeb()).toHaveLength(2), 30_000);
  });

  it('runs one DaemonSet pod on every node', async () => {
    await cluster.cli('apply', '-f', file('agent', daemonSet));
    await eventually(async () => {
      const pods = (await json<{ items: Pod[] }>('pods', '-l', 'app=agent')).items.filter((p) => p.status.phase === 'Running');
      expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    }, 30_000);
    const ds = await cluster.cli('get', 'ds');
    expect(ds.stdout).toMatch(/agent\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\d+s/);
  });

  it('deletes a Deployment’s ReplicaSets and pods with it (background cascading deletion)', async () => {
    const r = await cluster.kubectl('delete', 'deployment', 'web');
    if (r.code === 0) expect(r.stdout).toBe('deployment.apps "web" deleted\n');
    await eventually(async () => {
      expect((await json<{ items: unknown[] }>('rs')).items).toHaveLength(0);
      expect((await json<{ items: unknown[] }>('pods', '-l', 'app=web')).items).toHaveLength(0);
    }, 30_000);
  });
});
