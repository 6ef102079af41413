import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl } from './harness';

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels: {app: nginx}
spec:
  replicas: 3
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports:
        - containerPort: 80
`;

/** The kubectl workflows of the Kubernetes docs, run unchanged against kubesim. */
describe.skipIf(!hasKubectl)('kubectl workflows against kubesim (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const file = (name: string, body: string) => {
    const f = join(cluster.dataDir, `${name}.yaml`);
    writeFileSync(f, body);
    return f;
  };
  const k = (...args: string[]) => cluster.kubectl(...args);
  const ok = (...args: string[]) => cluster.kubectlOk(...args);

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 3, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('apply creates, rollout status waits, get shows the columns', async () => {
    expect(await ok('apply', '-f', file('d', deployment('nginx:1.14.2')))).toBe('deployment.apps/nginx-deployment created\n');
    expect(await ok('rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s')).toContain('deployment "nginx-deployment" successfully rolled out');
    expect(await ok('get', 'deploy')).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nnginx-deployment\s+3\/3\s+3\s+3\s+\d+s\n$/);
    expect(await ok('get', 'rs')).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nnginx-deployment-\w+\s+3\s+3\s+3\s+\d+s\n$/);
    expect(await ok('get', 'pods', '-l', 'app=nginx', '--show-labels')).toMatch(/nginx-deployment-\w+-\w{5}\s+1\/1\s+Running\s+0\s+\d+s\s+app=nginx,pod-template-hash=\w+/);
  });

  it('apply of a changed manifest updates it; set image and rollout undo; history lists revisions', async () => {
    expect(await ok('apply', '-f', file('d', deployment('nginx:1.16.1')))).toBe('deployment.apps/nginx-deployment configured\n');
    await ok('rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s');
    expect(await ok('set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.25')).toBe('deployment.apps/nginx-deployment image updated\n');
    await ok('rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s');
    expect(await ok('rollout', 'history', 'deployment/nginx-deployment')).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n3\s+<none>/);
    expect(await ok('rollout', 'undo', 'deployment/nginx-deployment')).toBe('deployment.apps/nginx-deployment rolled back\n');
    await ok('rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s');
    expect(await ok('get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.16.1');
  });

  it('scale, label, annotate and describe', async () => {
    expect(await ok('scale', 'deployment/nginx-deployment', '--replicas=4')).toBe('deployment.apps/nginx-deployment scaled\n');
    await eventually(async () => expect(await ok('get', 'deploy', 'nginx-deployment')).toMatch(/4\/4/), 60_000);
    expect(await ok('label', 'deployment', 'nginx-deployment', 'tier=web')).toBe('deployment.apps/nginx-deployment labeled\n');
    expect(await ok('annotate', 'deployment', 'nginx-deployment', 'owner=team-a')).toBe('deployment.apps/nginx-deployment annotated\n');
    const described = await ok('describe', 'deployment', 'nginx-deployment');
    expect(described).toMatch(/Replicas:\s+4 desired \| 4 updated \| 4 total \| 4 available \| 0 unavailable/);
    expect(described).toMatch(/Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set nginx-deployment-\w+ from \d+ to \d+/);
    const pod = (await ok('get', 'pods', '-l', 'app=nginx', '-o', 'name')).split('\n')[0];
    const d = await ok('describe', pod);
    expect(d).toMatch(/Status:\s+Running/);
    expect(d).toMatch(/Controlled By:\s+ReplicaSet\/nginx-deployment-\w+/);
    expect(d).toMatch(/Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/nginx-deployment-\w+-\w+ to node-\d/);
  });

  it('wait for a pod to be Ready; delete --force removes it at once', async () => {
    await ok('run', 'solo', '--image=nginx:1.25', '--restart=Never');
    expect(await ok('wait', '--for=condition=Ready', 'pod/solo', '--timeout=60s')).toBe('pod/solo condition met\n');
    const r = await k('delete', 'pod', 'solo', '--grace-period=0', '--force');
    expect(r.stdout).toBe('pod "solo" force deleted\n');
    expect(r.stderr).toContain('Immediate deletion does not wait for confirmation that the running resource has been terminated');
    expect((await k('get', 'pod', 'solo')).stderr.trim()).toBe('Error from server (NotFound): pods "solo" not found');
  });

  it('cordon, drain --ignore-daemonsets (the Eviction API), uncordon', async () => {
    expect(await ok('cordon', 'node-1')).toBe('node/node-1 cordoned\n');
    expect(await ok('get', 'nodes')).toMatch(/node-1\s+Ready,SchedulingDisabled/);
    const drained = await ok('drain', 'node-1', '--ignore-daemonsets', '--timeout=60s');
    expect(drained).toContain('node/node-1 drained');
    await eventually(async () => expect(await ok('get', 'pods', '-o', 'wide', '-l', 'app=nginx')).not.toMatch(/node-1/), 60_000);
    expect(await ok('uncordon', 'node-1')).toBe('node/node-1 uncordoned\n');
  });

  it('get -A, -o yaml and a watch with kubectl’s columns', async () => {
    expect(await ok('get', 'ns')).toMatch(/^NAME\s+STATUS\s+AGE\ndefault\s+Active\s+\d+s\n/);
    expect(await ok('get', 'pods', '-A')).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(await ok('get', 'deploy', 'nginx-deployment', '-o', 'yaml')).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
    const watched = await k('get', 'pods', '-w', '--request-timeout=2s', '-l', 'app=nginx');
    expect(watched.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n(nginx-deployment-\w+-\w+\s+1\/1\s+Running\s+0\s+\d+s\n)+/);
  });
});
