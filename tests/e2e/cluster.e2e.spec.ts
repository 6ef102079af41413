import type { Node, Pod } from '@kubesim/api';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, ROOT, run } from './harness';

/**
 * The foundation story, as a user runs it: `kubesim up`, apply pods, see them placed and
 * Running (or Pending with the scheduler's reason), kill a kubelet with SIGKILL and see its node
 * go NotReady, replay the log, stop and start again with the same data dir.
 */
describe('kubesim up, end to end', () => {
  let cluster: Cluster;
  const manifest = (name: string, body: string) => {
    const f = join(cluster.dataDir, `${name}.yaml`);
    writeFileSync(f, body);
    return f;
  };
  const getJson = async <T>(...args: string[]): Promise<T> => {
    const r = await cluster.cli('get', ...args, '-o', 'json');
    if (r.code !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as T;
  };

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 3, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('comes up with three Ready nodes, each with its own /24 pod CIDR', async () => {
    const r = await cluster.cli('get', 'nodes');
    expect(r.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/);
    expect(r.stdout.match(/node-\d\s+Ready\s/g)).toHaveLength(3);
    const nodes = await getJson<{ items: Node[] }>('nodes');
    expect(new Set(nodes.items.map((n) => n.spec.podCIDR)).size).toBe(3);
    for (const n of nodes.items) expect(n.spec.podCIDR).toMatch(/^10\.244\.\d+\.0\/24$/);
  });

  it('runs an applied pod on a node, with a pod IP from that node’s pod CIDR', async () => {
    const applied = await cluster.cli('apply', '-f', manifest('web', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.25\n'));
    expect(applied).toMatchObject({ code: 0, stdout: 'pod/web created\n' });
    const pod = await eventually(async () => {
      const p = await getJson<Pod>('pod', 'web');
      expect(p.status.phase).toBe('Running');
      return p;
    });
    const node = await getJson<Node>('node', pod.spec.nodeName!);
    const prefix = node.spec.podCIDR!.replace(/\.0\/24$/, '.');
    expect(pod.status.podIP!.startsWith(prefix)).toBe(true);
    const table = await cluster.cli('get', 'pods');
    expect(table.stdout).toMatch(/web\s+1\/1\s+Running\s+0\s+\d+s/);
  });

  it('keeps an unschedulable pod Pending with the scheduler’s FailedScheduling message', async () => {
    await cluster.cli(
      'apply',
      '-f',
      manifest('huge', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: huge\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: ["sleep", "3600"]\n    resources:\n      requests:\n        cpu: "100"\n'),
    );
    const message = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    const pod = await eventually(async () => {
      const p = await getJson<Pod>('pod', 'huge');
      expect(p.status.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
      return p;
    });
    expect(pod.status.phase).toBe('Pending');
    expect(pod.spec.nodeName).toBeUndefined();
    const events = await cluster.cli('get', 'events');
    expect(events.stdout).toContain(`Warning   FailedScheduling   pod/huge`);
    expect(events.stdout).toContain(message);
  });

  it('prints kubectl-style errors and exits non-zero', async () => {
    const r = await cluster.cli('get', 'pod', 'nope');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('a kubelet stopped and started again finds its pods’ containers still running; a killed node comes back rebooted and runs them again', async () => {
    const before = await getJson<Pod>('pod', 'web');
    const node = before.spec.nodeName!;
    const events = async (field: string) => (JSON.parse(await cluster.kubectlOk('get', 'events', '--field-selector', field, '-o', 'json')) as { items: { reason: string; message: string; count?: number }[] }).items;
    const kubeletStarts = async () => (await events(`involvedObject.name=${node}`)).filter((e) => e.reason === 'Starting').reduce((n, e) => n + (e.count ?? 1), 0);
    const waitForKubeletStart = async (n: number) => {
      await eventually(async () => expect(await kubeletStarts()).toBeGreaterThanOrEqual(n), 30_000);
      // Its first pod sync comes right after it registers.
      await new Promise((r) => setTimeout(r, 3000));
    };
    const starts = await kubeletStarts();

    expect((await cluster.cli('node', 'stop', node, '--data-dir', cluster.dataDir)).stdout).toContain(`node/${node} stopped (SIGTERM)`);
    expect((await cluster.cli('node', 'start', node, '--data-dir', cluster.dataDir)).code).toBe(0);
    await waitForKubeletStart(starts + 1);

    const after = await getJson<Pod>('pod', 'web');
    expect(after.status.phase).toBe('Running');
    expect(after.status.containerStatuses![0]).toMatchObject({ restartCount: 0, containerID: before.status.containerStatuses![0].containerID, state: before.status.containerStatuses![0].state });
    expect(after.status.podIP).toBe(before.status.podIP);
    const podEvents = () => events('involvedObject.name=web');
    expect((await podEvents()).map((e) => e.reason)).not.toContain('SandboxChanged');
    expect((await events(`involvedObject.name=${node}`)).map((e) => e.reason)).not.toContain('Rebooted');

    // SIGKILL: the node is lost with its containers; started again it is a new boot.
    expect((await cluster.cli('node', 'kill', node, '--data-dir', cluster.dataDir)).code).toBe(0);
    expect((await cluster.cli('node', 'start', node, '--data-dir', cluster.dataDir)).code).toBe(0);
    await waitForKubeletStart(starts + 2);
    const rebooted = (await events(`involvedObject.name=${node}`)).find((e) => e.reason === 'Rebooted');
    expect(rebooted?.message).toMatch(new RegExp(`^Node ${node} has been rebooted, boot id: [-0-9a-f]{36}$`));
    await eventually(async () => expect((await podEvents()).map((e) => e.message)).toContain('Pod sandbox changed, it will be killed and re-created.'), 20_000);
    await eventually(async () => expect((await getJson<Pod>('pod', 'web')).status.phase).toBe('Running'), 30_000);
  });

  it('kubesim node ps shows the node’s runtime as crictl does: the pod’s sandbox (pause), then its container, with the ids of the pod’s status', async () => {
    const web = await getJson<Pod>('pod', 'web');
    const r = await cluster.cli('node', 'ps', web.spec.nodeName!, '--pod', 'web', '--data-dir', cluster.dataDir);
    expect(r.code).toBe(0);
    const [pods, containers] = r.stdout.split('\n\n');
    expect(pods).toMatch(/^POD ID\s+CREATED\s+STATE\s+NAME\s+NAMESPACE\s+ATTEMPT\s+RUNTIME\n[0-9a-f]{13}\s+.+ ago\s+Ready\s+web\s+default\s+\d\s+\(default\)$/);
    const sandboxId = pods.split('\n')[1].slice(0, 13);
    const id = web.status.containerStatuses![0].containerID!.replace('containerd://', '').slice(0, 13);
    expect(containers).toMatch(/^CONTAINER\s+IMAGE\s+CREATED\s+STATE\s+NAME\s+ATTEMPT\s+POD ID\s+POD\n/);
    expect(containers).toMatch(new RegExp(`\\n${id}\\s+[0-9a-f]{13}\\s+.+ ago\\s+Running\\s+nginx\\s+0\\s+${sandboxId}\\s+web\\n`));

    const missing = await cluster.cli('node', 'ps', 'node-9', '--data-dir', cluster.dataDir);
    expect(missing).toMatchObject({ code: 1, stderr: 'error: the kubelet of node-9 did not answer: is node-9 a node of this cluster, and is its kubelet running? (kubesim node start node-9)\n' });
  });

  it('refuses --node-pods beyond what a node\'s /24 pod CIDR holds, saying what to fix', async () => {
    const r = await run(process.execPath, [join(ROOT, 'bin', 'kubesim'), 'up', '--node-pods', '300', '--data-dir', join(cluster.dataDir, 'never')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: option '--node-pods <n>' argument '300' is invalid. must be at most 253: each node's pod CIDR is a /24, which holds 253 pod IPs");
  });

  it('turns a node NotReady when its kubelet is killed with SIGKILL', async () => {
    const pid = cluster.pid('kubelet-node-2');
    process.kill(pid, 'SIGKILL');
    // Grace 50 s + monitor period 5 s, at time scale 0.1.
    await eventually(async () => {
      const r = await cluster.cli('get', 'nodes');
      expect(r.stdout).toMatch(/node-2\s+NotReady\s/);
    }, 30_000);
    const node = await getJson<Node>('node', 'node-2');
    expect(node.status.conditions.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    expect(cluster.output).toContain('kubelet-node-2 exited (SIGKILL); not restarting it');
  });

  it('replays the log: one line per pod phase or STATUS change with node and cause', async () => {
    const r = await cluster.cli('replay', '--data-dir', cluster.dataDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/default\/web\s+Pending\s+Pending\s+-\s+created/);
    expect(r.stdout).toMatch(/default\/web\s+Running\s+Running\s+node-\d\s+container nginx started/);
    // The pause container comes first: the sandbox's own line, with the pod IP, before nginx runs.
    const sandbox = r.stdout.search(/default\/web\s+Pending\s+ContainerCreating\s+node-\d\s+pod sandbox created \(pause\): IP 10\.244\.\d+\.\d+/);
    expect(sandbox).toBeGreaterThan(-1);
    expect(sandbox).toBeLessThan(r.stdout.search(/default\/web\s+Running\s+Running/));
  });

  it('comes back with the same objects and resourceVersions on the same data dir', async () => {
    const before = await getJson<{ items: Pod[] }>('pods');
    expect(await cluster.down()).toBe(0);
    await cluster.up();
    const after = await getJson<{ items: Pod[] }>('pods');
    const web = (l: { items: Pod[] }) => l.items.find((p) => p.metadata.name === 'web')!;
    expect(web(after).metadata.uid).toBe(web(before).metadata.uid);
    const huge = (l: { items: Pod[] }) => l.items.find((p) => p.metadata.name === 'huge')!;
    expect(huge(after).metadata.uid).toBe(huge(before).metadata.uid);
    expect(Number(huge(after).metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(huge(before).metadata.resourceVersion));
    // Every component, not only the apiserver, started from the snapshot the graceful stop left.
    for (const component of ['apiserver', 'scheduler', 'controller-manager', 'kubelet-node-1']) {
      const started = readFileSync(join(cluster.dataDir, 'logs', `${component}.log`), 'utf8').match(/projection at \d+ in \d+ ms: .*/g) ?? [];
      expect(started.pop(), component).toMatch(/snapshot at \d+ \+ \d+ records/);
    }
  });
});
