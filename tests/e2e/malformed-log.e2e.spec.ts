import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, StringCodec } from 'nats';
import { natsAuthOptions } from '@kubesim/eventlog';
import { Cluster, eventually, hasKubectl, alive } from './harness';

const at = new Date().toISOString();
const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}), uid: `uid-${name}`, resourceVersion: '', creationTimestamp: at });
const record = (event: Record<string, unknown>) => JSON.stringify({ v: 1, events: [{ at, by: 'attacker', ...event }] });

/**
 * Records no apiserver would write, published straight into the KUBESIM stream (as a process
 * with the broker's credentials could): a pod whose ownerReferences, labels and containers are
 * strings, a node whose taints are a string, workloads whose selectors and templates are not
 * objects. Once, each of these crashed the controller-manager on every start.
 */
const FORGED: [subject: string, data: string][] = [
  [
    'ks.pod.default.evil',
    record({
      type: 'PodCreated',
      pod: { apiVersion: 'v1', kind: 'Pod', metadata: { ...meta('evil', 'default'), ownerReferences: 'x', labels: 'x', finalizers: 'x' }, spec: { containers: 'x', tolerations: {}, nodeName: 'node-1' }, status: 'x' },
    }),
  ],
  ['ks.node._.ghost', record({ type: 'NodeRegistered', node: { apiVersion: 'v1', kind: 'Node', metadata: { ...meta('ghost'), labels: 'x' }, spec: { taints: 'x' }, status: { conditions: 'x', capacity: 5 } } })],
  ['ks.replicaset.default.evil-rs', record({ type: 'ObjectCreated', object: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('evil-rs', 'default'), spec: { replicas: 'x', selector: 'x', template: 'x' }, status: 'x' } })],
  [
    'ks.deployment.default.evil-dep',
    record({ type: 'ObjectCreated', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('evil-dep', 'default'), spec: { replicas: 2, selector: { matchLabels: 'x' }, template: { metadata: { labels: 'x' }, spec: { containers: 'x' } } }, status: {} } }),
  ],
  ['ks.service.default.evil-svc', record({ type: 'ObjectCreated', object: { apiVersion: 'v1', kind: 'Service', metadata: meta('evil-svc', 'default'), spec: { selector: 'x', ports: 'x', type: 'NodePort' }, status: {} } })],
];

const COMPONENTS = ['apiserver', 'scheduler', 'controller-manager', 'kubelet-node-1', 'dashboard'];

/** Issue 15 item 4: components survive a malformed object already in the log — skipped with a log line, never a crash loop. */
describe.skipIf(!hasKubectl)('malformed records in the log (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const k = (...args: string[]) => cluster.kubectl(...args);
  const logOf = (component: string) => readFileSync(join(cluster.dataDir, 'logs', `${component}.log`), 'utf8');

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: 0.1, dashboard: true, supervise: true });
    await cluster.up();
    // Forged with the operator's key: no component's broker user may publish into the stream.
    const nc = await connect({ servers: cluster.natsUrl, ...natsAuthOptions(cluster.natsCredentials('admin')) });
    const js = nc.jetstream();
    for (const [subject, data] of FORGED) await js.publish(subject, StringCodec().encode(data));
    await nc.close();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('every component skips them with a log line and keeps working: a Deployment converges, kubectl lists', async () => {
    expect((await k('create', 'deployment', 'web', '--image=nginx', '--replicas=2')).code).toBe(0);
    await eventually(async () => expect((await k('get', 'deployment', 'web')).stdout).toMatch(/web\s+2\/2\s+2\s+2/), 90_000);
    for (const c of COMPONENTS) {
      expect(logOf(c), c).toMatch(/skipping record \d+ \(Pod\/default\/evil\): malformed object: metadata\.labels is not a map of strings/);
    }
    expect(logOf('controller-manager')).toMatch(/skipping record \d+ \(Node\/\/ghost\): malformed object: metadata\.labels is not a map of strings/);
    const pods = await k('get', 'pods');
    expect(pods.code).toBe(0);
    expect(pods.stdout).not.toMatch(/evil/);
    expect((await k('get', 'nodes')).stdout).not.toMatch(/ghost/);
    expect((await k('get', 'pod', 'evil')).stderr).toMatch(/pods "evil" not found/);
    for (const c of COMPONENTS) expect(alive(cluster.pid(c)), c).toBe(true);
    expect(cluster.output).not.toMatch(/exited/);
  });

  it('a restarted controller-manager replays them and stays up (no crash loop); the name can be created for real', async () => {
    await cluster.kill9('controller-manager');
    await eventually(async () => expect(cluster.output).toMatch(/controller-manager .*restart/i), 30_000);
    expect((await k('scale', 'deployment', 'web', '--replicas=3')).code).toBe(0);
    await eventually(async () => expect((await k('get', 'deployment', 'web')).stdout).toMatch(/web\s+3\/3\s+3\s+3/), 90_000);
    const pid = cluster.pid('controller-manager');
    expect(alive(pid)).toBe(true);
    expect((await k('run', 'evil', '--image=nginx')).code).toBe(0);
    await eventually(async () => expect((await k('get', 'pod', 'evil')).stdout).toMatch(/evil\s+1\/1\s+Running/), 60_000);
    expect(cluster.pid('controller-manager')).toBe(pid);
  });

  it('kubesim replay reads the log past them', async () => {
    const r = await cluster.cli('replay', '--data-dir', cluster.dataDir, '--pod', 'evil');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/skipping record \d+ \(Pod\/default\/evil\): malformed object/);
  });
});
