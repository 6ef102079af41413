import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl, run } from './harness';

/** Debian's python3-kubernetes (`.ci/run` installs it), wherever a python3 can import it. */
const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import kubernetes'], { encoding: 'utf8' }).status === 0);

// The Kubernetes docs' pods/pod-with-scheduling-gates.yaml and pod-without-scheduling-gates.yaml, unchanged.
const GATED = `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "test-pod",
  },
  spec: {
    schedulingGates: [{
      name: "example.com/foo",
    }, {
      name: "example.com/bar",
    }],
    containers: [{
      name: "pause",
      image: "registry.k8s.io/pause:3.6",
    }],
  },
}
`;
const UNGATED = `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "test-pod",
  },
  spec: {
    containers: [{
      name: "pause",
      image: "registry.k8s.io/pause:3.6",
    }],
  },
}
`;

const pod = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx:1.25
${extra}`;

/** What a new user meets first (issue 12, item 7), against `kubesim up` as they run it. */
describe('new-user details against kubesim up', () => {
  let cluster: Cluster;
  const file = (name: string, body: string, dir = cluster.dataDir) => {
    const f = join(dir, name);
    writeFileSync(f, body);
    return f;
  };

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('kubesim apply applies every -f, a directory, and - (stdin)', async () => {
    const r = await cluster.cli('apply', '-f', file('one.yaml', pod('one')), '-f', file('two.yaml', pod('two')));
    expect(r).toMatchObject({ code: 0, stdout: 'pod/one created\npod/two created\n' });
    const dir = join(cluster.dataDir, 'manifests');
    mkdirSync(join(dir, 'nested'), { recursive: true });
    file('a.yaml', pod('dir-a'), dir);
    file('b.yml', pod('dir-b'), dir);
    file('c.yaml', pod('nested-c'), join(dir, 'nested'));
    expect((await cluster.cli('apply', '-f', dir)).stdout).toBe('pod/dir-a created\npod/dir-b created\n');
    expect((await cluster.cli('apply', '-R', '-f', dir)).stdout).toBe('pod/dir-a unchanged\npod/dir-b unchanged\npod/nested-c created\n');
    const stdin = await run(process.execPath, [join(__dirname, '../../bin/kubesim'), 'apply', '-f', '-'], { KUBESIM_SERVER: cluster.server }, 60_000, pod('from-stdin'));
    expect(stdin).toMatchObject({ code: 0, stdout: 'pod/from-stdin created\n' });
  });

  it('quantities read back in canonical form', async () => {
    const resources = '    resources:\n      requests: {cpu: 0.5, memory: 1Gi}\n      limits: {cpu: 1000m, memory: 1024Mi}\n';
    expect((await cluster.cli('apply', '-f', file('q.yaml', pod('quantities', resources)))).code).toBe(0);
    const stored = (await (await fetch(`${cluster.server}/api/v1/namespaces/default/pods/quantities`)).json()) as { spec: { containers: { resources: unknown }[] } };
    expect(stored.spec.containers[0].resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } });
  });

  it('?watch=True watches, as the Python client asks', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${cluster.server}/api/v1/namespaces/default/pods?watch=True&timeoutSeconds=2`, { signal: ctrl.signal });
    const text = await res.text();
    expect(text.split('\n').filter(Boolean).map((l) => JSON.parse(l).type)).toContain('ADDED');
  });

  it.skipIf(!PYTHON)("the official Python client's watch gets the events (skipped: python3-kubernetes not installed)", async () => {
    const script = [
      'import sys',
      'from kubernetes import client, watch',
      'c = client.Configuration()',
      'c.host = sys.argv[1]',
      'api = client.CoreV1Api(client.ApiClient(c))',
      "for ev in watch.Watch().stream(api.list_namespaced_pod, 'default', timeout_seconds=3):",
      "    print(ev['type'], ev['object'].metadata.name, flush=True)",
    ].join('\n');
    const r = await run(PYTHON!, ['-c', script, cluster.server], {}, 60_000);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('ADDED one\n');
    expect(r.stdout).toContain('ADDED quantities\n');
  });

  describe.skipIf(!hasKubectl)('with kubectl (skipped: kubectl not installed)', () => {
    const k = (...args: string[]) => cluster.kubectl(...args);
    const ok = (...args: string[]) => cluster.kubectlOk(...args);

    it('scheduling gates keep a pod SchedulingGated until they are removed', async () => {
      expect(await ok('apply', '-f', file('gated.yaml', GATED))).toBe('pod/test-pod created\n');
      expect(await ok('get', 'pod', 'test-pod')).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\ntest-pod\s+0\/1\s+SchedulingGated\s+0\s+\d+s\n$/);
      expect(await ok('get', 'pod', 'test-pod', '-o', 'jsonpath={.spec.schedulingGates}')).toBe('[{"name":"example.com/foo"},{"name":"example.com/bar"}]');
      expect(await ok('get', 'pod', 'test-pod', '-o', 'jsonpath={.status.conditions[0].reason}: {.status.conditions[0].message}')).toBe(
        'SchedulingGated: Scheduling is blocked due to non-empty scheduling gates',
      );
      // A scheduler pass at time scale 0.1 is milliseconds: the pod must still be waiting, unbound.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await ok('get', 'pod', 'test-pod', '-o', 'jsonpath={.spec.nodeName}|{.status.phase}')).toBe('|Pending');
      expect(await ok('get', 'events', '--field-selector', 'involvedObject.name=test-pod')).not.toContain('FailedScheduling');

      const added = await k('patch', 'pod', 'test-pod', '--type=json', '-p', '[{"op":"add","path":"/spec/schedulingGates/-","value":{"name":"example.com/baz"}}]');
      expect(added.code).not.toBe(0);
      expect(added.stderr).toContain(`spec.schedulingGates[2].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/baz'`);

      expect(await ok('apply', '-f', file('ungated.yaml', UNGATED))).toBe('pod/test-pod configured\n');
      expect(await ok('get', 'pod', 'test-pod', '-o', 'jsonpath={.spec.schedulingGates}')).toBe('');
      await eventually(async () => expect(await ok('get', 'pod', 'test-pod')).toMatch(/test-pod\s+1\/1\s+Running/), 60_000);
    });

    it('refuses ephemeralContainers on create with kube-apiserver\'s message', async () => {
      const r = await k('create', '-f', file('debug.yaml', pod('dbg', '  ephemeralContainers:\n  - name: debugger\n    image: busybox\n')));
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('The Pod "dbg" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create');
    });

    it('JSON patch moves and copies, and refuses prototype paths', async () => {
      await ok('label', 'pod', 'one', 'tier=web');
      await ok('patch', 'pod', 'one', '--type=json', '-p', '[{"op":"copy","from":"/metadata/labels/tier","path":"/metadata/labels/role"},{"op":"move","from":"/metadata/labels/tier","path":"/metadata/labels/layer"}]');
      expect(await ok('get', 'pod', 'one', '-o', 'jsonpath={.metadata.labels}')).toBe('{"layer":"web","role":"web"}');
      const evil = await k('patch', 'pod', 'one', '--type=json', '-p', '[{"op":"add","path":"/metadata/__proto__/x","value":"y"}]');
      expect(evil.code).not.toBe(0);
      expect(evil.stderr).toContain('__proto__');
    });
  });
});
