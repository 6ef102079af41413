import type { KubeEvent, Node, Pod } from '@kubesim/api';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually } from './harness';

/**
 * Scheduler filters a user meets (semantics §10.3) on a real `kubesim up`: host ports taken,
 * an extended resource only an added node advertises; and nodes added with `kubesim node add`
 * coming back with the next `kubesim up` on the same data dir, unless they were deleted.
 */
describe('scheduling and added nodes, end to end', () => {
  let cluster: Cluster;

  const api = async <T>(path: string): Promise<T> => {
    const r = await fetch(cluster.server + path);
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  const pod = (name: string) => api<Pod>(`/api/v1/namespaces/default/pods/${name}`);
  const nodeNames = async () => (await api<{ items: Node[] }>('/api/v1/nodes')).items.map((n) => n.metadata.name).sort();
  const ready = async (name: string) => (await api<Node>(`/api/v1/nodes/${name}`)).status.conditions.find((c) => c.type === 'Ready')?.status;
  const events = async (name: string) => (await api<{ items: KubeEvent[] }>('/api/v1/namespaces/default/events')).items.filter((e) => e.involvedObject.name === name);
  const apply = async (name: string, yaml: string) => {
    const f = join(cluster.dataDir, `${name}.yaml`);
    writeFileSync(f, yaml);
    expect(await cluster.cli('apply', '-f', f)).toMatchObject({ code: 0 });
  };
  const podYaml = (name: string, container: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: app\n    image: nginx\n${container}`;
  const withHostPort = (name: string) => podYaml(name, '    ports:\n    - containerPort: 80\n      hostPort: 8080\n');
  const wanting = (name: string, foo: number) => podYaml(name, `    resources:\n      limits:\n        example.com/foo: "${foo}"\n`);
  /** The pod's PodScheduled=False message once it has one, checked against its FailedScheduling event. */
  const unschedulable = async (name: string) => {
    const message = await eventually(async () => {
      const c = (await pod(name)).status.conditions?.find((x) => x.type === 'PodScheduled');
      expect(c).toMatchObject({ status: 'False', reason: 'Unschedulable' });
      return c!.message;
    });
    // The scheduler writes the condition, then records the event: a reader can see one before the other.
    await eventually(async () => expect(await events(name)).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'FailedScheduling', message })));
    return message;
  };
  const status = async (name: string) => (await cluster.cli('get', 'pods', name)).stdout.trim().split('\n')[1]?.split(/\s+/)[2];

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('a second pod asking for a taken host port stays Pending with NodePorts’ reason', async () => {
    await apply('web-1', withHostPort('web-1'));
    await eventually(async () => expect((await pod('web-1')).status.phase).toBe('Running'));
    await apply('web-2', withHostPort('web-2'));
    expect(await unschedulable('web-2')).toBe(
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. " +
        'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
    expect(await status('web-2')).toBe('Pending');
  });

  it('a bad host port is refused with the field named, and nothing is created', async () => {
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad-port' }, spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80, hostPort: 70000 }] }] } };
    const r = await fetch(`${cluster.server}/api/v1/namespaces/default/pods?fieldValidation=Strict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(r.status).toBe(422);
    expect(((await r.json()) as { details: { causes: unknown[] } }).details.causes).toEqual([
      { reason: 'FieldValueInvalid', message: 'Invalid value: 70000: must be between 1 and 65535, inclusive', field: 'spec.containers[0].ports[0].hostPort' },
    ]);
    expect((await fetch(`${cluster.server}/api/v1/namespaces/default/pods/bad-port`)).status).toBe(404);
  });

  it('a node added with an extended resource takes the waiting host-port pod and the pods that need the resource', async () => {
    const added = await cluster.cli('node', 'add', 'node-2', '--resources', 'example.com/foo=2', '--labels', 'zone=b', '--data-dir', cluster.dataDir);
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/^node\/node-2 added/) });
    expect((await api<Node>('/api/v1/nodes/node-2')).status.allocatable).toMatchObject({ 'example.com/foo': '2' });
    await eventually(async () => expect((await pod('web-2')).spec.nodeName).toBe('node-2'));

    await apply('foo-3', wanting('foo-3', 3));
    expect(await unschedulable('foo-3')).toBe(
      '0/2 nodes are available: 2 Insufficient example.com/foo. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
    await apply('foo-2', wanting('foo-2', 2));
    await eventually(async () => expect((await pod('foo-2')).spec.nodeName).toBe('node-2'));
  });

  it('a pod waiting for a node label schedules as soon as a node is labelled, without waiting for the 5 min flush', async () => {
    await apply('picky', podYaml('picky', '').replace('spec:\n', 'spec:\n  nodeSelector:\n    disk: fast\n'));
    expect(await unschedulable('picky')).toBe(
      "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
    const labelled = await fetch(`${cluster.server}/api/v1/nodes/node-1`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { labels: { disk: 'fast' } } }),
    });
    expect(labelled.status).toBe(200);
    const at = Date.now();
    await eventually(async () => expect((await pod('picky')).spec.nodeName).toBe('node-1'), 20_000, 100);
    // The unschedulable pool's own flush comes after 5 min × 0.1 = 30 s.
    expect(Date.now() - at).toBeLessThan(15_000);
  });

  it('node add with taints: the node carries them', async () => {
    expect(await cluster.cli('node', 'add', 'node-5', '--taints', 'dedicated=gpu:NoSchedule', '--data-dir', cluster.dataDir)).toMatchObject({ code: 0 });
    await eventually(async () => expect((await api<Node>('/api/v1/nodes/node-5')).spec.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]));
  });

  it('a Deployment with required anti-affinity per node: one replica per schedulable node, the rest Pending with the reason', async () => {
    await apply(
      'spread',
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: one-per-node',
        'spec:',
        '  replicas: 3',
        '  selector:',
        '    matchLabels:',
        '      app: one-per-node',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: one-per-node',
        '    spec:',
        '      affinity:',
        '        podAntiAffinity:',
        '          requiredDuringSchedulingIgnoredDuringExecution:',
        '          - topologyKey: kubernetes.io/hostname',
        '            labelSelector:',
        '              matchLabels:',
        '                app: one-per-node',
        '      containers:',
        '      - name: app',
        '        image: nginx',
        '',
      ].join('\n'),
    );
    const pods = () => api<{ items: Pod[] }>('/api/v1/namespaces/default/pods?labelSelector=app%3Done-per-node');
    const pending = await eventually(async () => {
      const items = (await pods()).items;
      expect(items).toHaveLength(3);
      expect(items.map((p) => p.spec.nodeName).filter(Boolean).sort()).toEqual(['node-1', 'node-2']);
      return items.find((p) => !p.spec.nodeName)!;
    });
    expect(await unschedulable(pending.metadata.name)).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't match pod anti-affinity rules. " +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('node add refuses bad settings and adds nothing', async () => {
    const r = await cluster.cli('node', 'add', 'node-9', '--resources', 'example.com/foo=lots', '--data-dir', cluster.dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('node "node-9" not added');
    expect(r.stderr).toContain('example.com/foo=lots: not a Kubernetes quantity');
    expect(JSON.parse(readFileSync(join(cluster.dataDir, 'nodes.json'), 'utf8')).nodes.map((n: { name: string }) => n.name)).toEqual(['node-2', 'node-5']);
  });

  it('the next kubesim up starts the added nodes again, except one deleted with the API', async () => {
    expect(await cluster.cli('node', 'add', 'node-3', '--data-dir', cluster.dataDir)).toMatchObject({ code: 0 });
    await eventually(async () => expect(await ready('node-3')).toBe('True'));
    expect((await fetch(`${cluster.server}/api/v1/nodes/node-3`, { method: 'DELETE' })).status).toBe(200);

    expect(await cluster.down()).toBe(0);
    await cluster.up();
    expect(cluster.output).toContain('kubesim is ready');
    expect(cluster.output).toContain('node node-3 (added with kubesim node add) was deleted from the cluster; not starting it again');
    expect(cluster.pid('kubelet-node-2')).toBeGreaterThan(0);
    expect(cluster.pid('kubelet-node-3')).toBeUndefined();
    expect(await nodeNames()).toEqual(['node-1', 'node-2', 'node-5']);
    await eventually(async () => expect(await ready('node-2')).toBe('True'));
    // node-2 still advertises what it was added with, and runs its pods again.
    expect((await api<Node>('/api/v1/nodes/node-2')).metadata.labels).toMatchObject({ zone: 'b' });
    await eventually(async () => expect(await status('foo-2')).toBe('Running'));
    expect(existsSync(join(cluster.dataDir, 'nodes.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(cluster.dataDir, 'nodes.json'), 'utf8')).nodes).toEqual([
      { name: 'node-2', resources: 'example.com/foo=2', labels: 'zone=b' },
      { name: 'node-5', taints: 'dedicated=gpu:NoSchedule' },
    ]);
    expect((await api<Node>('/api/v1/nodes/node-5')).spec.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
  });
});
