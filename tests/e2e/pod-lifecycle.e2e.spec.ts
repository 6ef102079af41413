import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually } from './harness';

/** §14 D (exec-liveness.yaml, unchanged) plus logs/exec/describe, through `kubesim up` at time scale 0.1. */
const EXEC_LIVENESS = `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox:1.27.2
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
`;

const TALKER = `apiVersion: v1
kind: Pod
metadata:
  name: talker
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'echo hello from talker; echo written > /tmp/file; sleep 3600']
`;

describe('pod lifecycle through kubesim up (time scale 0.1)', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  const apply = async (name: string, yaml: string) => {
    const file = join(cluster.dataDir, `${name}.yaml`);
    writeFileSync(file, yaml);
    expect((await cluster.cli('apply', '-f', file)).code).toBe(0);
  };

  it('logs and exec: the container’s output, a command run inside it', async () => {
    await apply('talker', TALKER);
    await eventually(async () => expect((await cluster.cli('logs', 'talker')).stdout).toBe('hello from talker\n'));
    const exec = await cluster.cli('exec', 'talker', '--', 'sh', '-c', 'cat /tmp/file; exit 3');
    expect(exec).toMatchObject({ code: 3, stdout: 'written\n', stderr: 'command terminated with exit code 3\n' });
    const previous = await cluster.cli('logs', 'talker', '-p');
    expect(previous.stderr.trim()).toBe('Error from server (BadRequest): previous terminated container "app" in pod "talker" not found');
  });

  it('logs -f streams until the container stops', async () => {
    await apply('counter', `apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  restartPolicy: Never
  containers:
  - name: count
    image: busybox:1.36
    command: ['sh', '-c', 'for i in 1 2 3; do echo "line $i"; sleep 2; done']
`);
    await eventually(async () => expect((await cluster.cli('logs', 'counter')).code).toBe(0));
    const r = await cluster.cli('logs', '-f', 'counter');
    expect(r).toMatchObject({ code: 0, stdout: 'line 1\nline 2\nline 3\n' });
  });

  it('exec-liveness: Unhealthy (x3 or more), Killing, a restart after SIGKILL (137), describe’s aggregated events', async () => {
    await apply('liveness', EXEC_LIVENESS);
    // Probes fail from ~35 s; kill at ~45 s; SIGKILL after the 30 s grace; restart: ~7.6 s at scale 0.1.
    await eventually(async () => {
      const r = await cluster.cli('get', 'pods', 'liveness-exec');
      expect(r.stdout).toMatch(/liveness-exec\s+1\/1\s+Running\s+[1-9] \(\d+s ago\)\s+/);
    }, 30_000, 500);
    const d = await cluster.cli('describe', 'pod', 'liveness-exec');
    expect(d.stdout).toMatch(/^Name:\s+liveness-exec$/m);
    expect(d.stdout).toMatch(/^ {4}Last State:\s+Terminated\n {6}Reason:\s+Error\n {6}Exit Code:\s+137$/m);
    expect(d.stdout).toMatch(/^ {4}Restart Count:\s+[1-9]$/m);
    expect(d.stdout).toMatch(/^ {4}Liveness:\s+exec \[cat \/tmp\/healthy\] delay=5s timeout=1s period=5s #success=1 #failure=3$/m);
    // Three failures per kill (the wall-clock pace of the CLI decides how many kills have happened).
    const unhealthy = /Warning\s+Unhealthy\s+\d+s \(x(\d+) over \d+s\)\s+kubelet\s+Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/.exec(d.stdout);
    expect(Number(unhealthy?.[1])).toBeGreaterThanOrEqual(3);
    expect(d.stdout).toMatch(/Normal\s+Killing\s+\d+s( \(x\d+ over \d+s\))?\s+kubelet\s+Container liveness failed liveness probe, will be restarted/);
    const logs = await cluster.cli('logs', 'liveness-exec', '--previous');
    expect(logs).toMatchObject({ code: 0, stdout: '' }); // the script writes nothing
  });
});
