import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl } from './harness';

const busy = `apiVersion: v1
kind: Pod
metadata:
  name: busy
spec:
  containers:
  - name: spin
    image: busybox
    command: ['sh', '-c', 'while true; do :; done']
`;

const initDemo = `apiVersion: v1
kind: Pod
metadata:
  name: init-demo
spec:
  containers:
  - name: nginx
    image: nginx
    ports:
    - containerPort: 80
    volumeMounts:
    - name: workdir
      mountPath: /usr/share/nginx/html
  initContainers:
  - name: install
    image: busybox:1.28
    command: [wget, -O, /work-dir/index.html, http://info.cern.ch]
    volumeMounts:
    - name: workdir
      mountPath: /work-dir
  dnsPolicy: Default
  volumes:
  - name: workdir
    emptyDir: {}
`;

/** The simulated runtime under processes: a busy container does not starve its kubelet; egress; pipelines in exec. */
describe.skipIf(!hasKubectl)('the simulated runtime in a running cluster (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const k = (...args: string[]) => cluster.kubectl(...args);

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: 0.1 });
    await cluster.up();
    for (const [name, body] of [['busy', busy], ['init-demo', initDemo]]) {
      const f = join(cluster.dataDir, `${name}.yaml`);
      writeFileSync(f, body);
      expect((await k('create', '-f', f)).code).toBe(0);
    }
    await eventually(async () => expect((await k('get', 'pod', 'busy')).stdout).toMatch(/busy\s+1\/1\s+Running/), 60_000);
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('a container spinning without sleep leaves its node Ready past the lease grace period', async () => {
    // 10 s at time scale 0.1 = 100 s of Kubernetes time: twice the node-monitor grace period.
    await new Promise((r) => setTimeout(r, 10_000));
    expect((await k('get', 'nodes')).stdout).toMatch(/node-1\s+Ready/);
    expect((await k('get', 'pod', 'busy')).stdout).toMatch(/busy\s+1\/1\s+Running\s+0/);
  });

  it('kubectl exec runs pipelines and coreutils in the busy container', async () => {
    const r = await k('exec', 'busy', '--', 'sh', '-c', "printf 'b\\na\\n' | sort | head -n 1; echo $((6*7)); ps | head -n 2 | tail -n 1");
    expect(r.code).toBe(0);
    // PID 1 has used simulated CPU time (TIME m:ss) while it spun.
    expect(r.stdout).toMatch(/^a\n42\n {4}1 root +\d+:\d\d sh -c while true; do :; done\n$/);
  });

  it("the init-containers example ends Running and its nginx serves info.cern.ch's page", async () => {
    await eventually(async () => expect((await k('get', 'pod', 'init-demo')).stdout).toMatch(/init-demo\s+1\/1\s+Running/), 60_000);
    const r = await k('exec', 'init-demo', '--', 'curl', '-s', 'localhost');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<h1>http://info.cern.ch - home of the first website</h1>');
  });
});
