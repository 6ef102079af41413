import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl } from './harness';

const twoContainers = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.25
  - name: sidecar
    image: busybox:1.36
    command: ['sh', '-c', 'echo ready > /tmp/state; sleep 3600']
`;

const stuckInInit = `apiVersion: v1
kind: Pod
metadata:
  name: waiting
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    command: ['sleep', '3600']
  containers:
  - name: app
    image: busybox:1.36
    command: ['sleep', '3600']
`;

/** `kubectl exec` over its WebSocket stream (v5.channel.k8s.io), as against a real cluster. */
describe.skipIf(!hasKubectl)('kubectl exec against kubesim (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const k = (...args: string[]) => cluster.kubectl(...args);

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: 0.1 });
    await cluster.up();
    for (const [name, body] of [['web', twoContainers], ['waiting', stuckInInit]]) {
      const f = join(cluster.dataDir, `${name}.yaml`);
      writeFileSync(f, body);
      expect((await k('create', '-f', f)).code).toBe(0);
    }
    await eventually(async () => expect((await k('get', 'pod', 'web')).stdout).toMatch(/web\s+2\/2\s+Running/), 60_000);
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('runs a command in the default (first) container; kubectl says which it chose', async () => {
    const r = await k('exec', 'web', '--', 'hostname');
    expect(r).toEqual({ code: 0, stdout: 'web\n', stderr: 'Defaulted container "nginx" out of: nginx, sidecar\n' });
  });

  it('the share-process-namespace page: ps ax in the shell container shows /pause as PID 1, nginx’s master and worker', async () => {
    const corpus = join(__dirname, '../../../shared/corpus/k8s-docs-examples/pods/share-process-namespace.yaml');
    expect((await k('apply', '-f', corpus)).stdout).toBe('pod/nginx created\n');
    await eventually(async () => expect((await k('get', 'pod', 'nginx')).stdout).toMatch(/nginx\s+2\/2\s+Running/), 60_000);
    const ps = await k('exec', 'nginx', '-c', 'shell', '--', 'ps', 'ax');
    expect(ps.code).toBe(0);
    const lines = ps.stdout.split('\n');
    expect(lines[0]).toBe('PID   USER     TIME  COMMAND');
    expect(lines[1]).toMatch(/^\s+1 65535\s+0:00 \/pause$/);
    expect(lines[2]).toMatch(/^\s+8 root\s+0:00 nginx: master process nginx -g daemon off;$/);
    expect(lines[3]).toMatch(/^\s+\d+ 101\s+0:00 nginx: worker process$/);
    expect(ps.stdout).toMatch(/\d+ root\s+0:00 sleep 3600\n/);
    expect(ps.stdout).toMatch(/\d+ root\s+0:00 ps ax\n$/);
    // Without a shared namespace a container sees its own process as PID 1.
    const own = await k('exec', 'web', '-c', 'sidecar', '--', 'ps');
    expect(own.stdout.split('\n')[1]).toMatch(/^\s+1 root\s+0:00 sh -c echo ready > \/tmp\/state; sleep 3600$/);
  });

  it('a zombie: an orphan under a PID 1 that never waits stays [sleep]; pause reaps it when the namespace is shared', async () => {
    const pod = (name: string, shared: boolean) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  shareProcessNamespace: ${shared}\n  containers:\n  - name: app\n    image: busybox:1.28\n    command: ["sh", "-c", "(sleep 1 &); exec sleep 3600"]\n`;
    expect((await cluster.kubectlWithInput(pod('zombie-own', false) + '---\n' + pod('zombie-shared', true), 'apply', '-f', '-')).code).toBe(0);
    await eventually(async () => expect((await k('get', 'pod', 'zombie-own', 'zombie-shared')).stdout.match(/1\/1\s+Running/g)).toHaveLength(2), 60_000);
    await eventually(async () => expect((await k('exec', 'zombie-own', '--', 'ps')).stdout).toMatch(/^\s+1 root\s+0:00 sleep 3600\n\s+2 root\s+0:00 \[sleep\]\n/m), 30_000);
    // The orphan has exited there too (same script, same start): nothing but pause, PID 1's program and ps.
    await eventually(async () => expect((await k('exec', 'zombie-shared', '--', 'ps')).stdout).toMatch(/^PID {3}USER {5}TIME {2}COMMAND\n\s+1 65535\s+0:00 \/pause\n\s+\d+ root\s+0:00 sleep 3600\n\s+\d+ root\s+0:00 ps\n$/), 30_000);
  });

  it('-c picks the container; its files are there', async () => {
    const r = await k('exec', 'web', '-c', 'sidecar', '--', 'cat', '/tmp/state');
    expect(r).toEqual({ code: 0, stdout: 'ready\n', stderr: '' });
  });

  it('stdout and stderr apart; a non-zero exit is kubectl’s exit code', async () => {
    const r = await k('exec', 'web', '-c', 'sidecar', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3');
    expect(r).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\ncommand terminated with exit code 3\n' });
  });

  it('-i sends stdin to the command', async () => {
    const r = await cluster.kubectlWithInput('line one\nline two\n', 'exec', '-i', 'web', '-c', 'sidecar', '--', 'cat');
    expect(r).toEqual({ code: 0, stdout: 'line one\nline two\n', stderr: '' });
    const script = await cluster.kubectlWithInput('echo from a script\nexit 4\n', 'exec', '-i', 'web', '-c', 'sidecar', '--', 'sh');
    expect(script).toEqual({ code: 4, stdout: 'from a script\n', stderr: 'command terminated with exit code 4\n' });
  });

  it('a program that is not in the container: the runtime’s error', async () => {
    const r = await k('exec', 'web', '-c', 'sidecar', '--', 'nosuch');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in \$PATH: unknown\n$/,
    );
  });

  it.each([
    ['a container the pod does not have', ['web', '-c', 'nope'], 'Error from server (BadRequest): container nope is not valid for pod web\n'],
    ['a pod that does not exist', ['nope'], 'Error from server (NotFound): pods "nope" not found\n'],
    ['a container not started yet', ['waiting', '-c', 'app'], 'error: unable to upgrade connection: container not found ("app")\n'],
  ])('%s → kubectl’s error line', async (_name, target, stderr) => {
    const r = await k('exec', ...target, '--', 'ls');
    expect(r).toEqual({ code: 1, stdout: '', stderr });
  });
});
