import { join } from 'node:path';
import { Cluster, eventually, hasKubectl, ROOT } from './harness';

const CORPUS = join(ROOT, '../shared/corpus/k8s-docs-examples/pods');
const b64 = (s: string) => Buffer.from(s).toString('base64');
const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
const secret = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])) });
const TEST_SECRET = secret('test-secret', { username: 'my-app', password: '39528$vdg7Jb' });
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+\n?$/;
/**
 * Container logs are line-based: a last line without a newline (`cat` of a file without one) gets
 * one there (kubectl exec streams the bytes as written). Compared up to that final newline.
 */
const text = (s: string) => s.replace(/\n$/, '');

/** A docs example: the objects its page creates first, and what the page shows (from `kubectl logs`, or an exec). */
interface DocCase {
  file: string;
  objects: object[];
  logs?: string | RegExp | RegExp[];
  exec?: { command: string[]; stdout: string | RegExp };
  /** kubectl's own refusal of the file (client-side validation). */
  refused?: string;
}

const CASES: DocCase[] = [
  { file: 'pod-single-configmap-env-variable.yaml', objects: [configMap('special-config', { 'special.how': 'very' })], logs: /^SPECIAL_LEVEL_KEY=very$/m },
  { file: 'pod-multiple-configmap-env-variable.yaml', objects: [configMap('special-config', { 'special.how': 'very' }), configMap('env-config', { log_level: 'INFO' })], logs: [/^SPECIAL_LEVEL_KEY=very$/m, /^LOG_LEVEL=INFO$/m] },
  { file: 'pod-configmap-envFrom.yaml', objects: [configMap('special-config', { SPECIAL_LEVEL: 'very', SPECIAL_TYPE: 'charm' })], logs: /^SPECIAL_LEVEL=very$/m },
  { file: 'pod-configmap-env-var-valueFrom.yaml', objects: [configMap('special-config', { SPECIAL_LEVEL: 'very', SPECIAL_TYPE: 'charm' })], logs: 'very charm\n' },
  { file: 'pod-configmap-volume.yaml', objects: [configMap('special-config', { SPECIAL_LEVEL: 'very', SPECIAL_TYPE: 'charm' })], logs: 'SPECIAL_LEVEL\nSPECIAL_TYPE\n' },
  { file: 'pod-configmap-volume-specific-key.yaml', objects: [configMap('special-config', { SPECIAL_LEVEL: 'very', SPECIAL_TYPE: 'charm' })], logs: 'very' },
  { file: 'inject/secret-envars-pod.yaml', objects: [TEST_SECRET], exec: { command: ['sh', '-c', 'echo $SECRET_USERNAME; echo $SECRET_PASSWORD'], stdout: 'my-app\n39528$vdg7Jb\n' } },
  { file: 'inject/secret-pod.yaml', objects: [TEST_SECRET], exec: { command: ['sh', '-c', 'ls /etc/secret-volume; cat /etc/secret-volume/username'], stdout: 'password\nusername\nmy-app' } },
  // The file has no apiVersion: kubectl refuses it before it reaches any server, as against a real cluster.
  { file: 'inject/pod-single-secret-env-variable.yaml', objects: [secret('backend-user', { 'backend-username': 'backend-admin' })], refused: 'error validating data: apiVersion not set' },
  { file: 'inject/pod-secret-envFrom.yaml', objects: [TEST_SECRET], exec: { command: ['sh', '-c', 'echo "username: $username"; echo "password: $password"'], stdout: 'username: my-app\npassword: 39528$vdg7Jb\n' } },
  // These four pages' own loops use `printenv` and `[[ … ]]`, which the simulated shell lacks (yet):
  // the values the page prints are read with exec instead.
  { file: 'inject/dapi-envars-pod.yaml', objects: [], exec: { command: ['sh', '-c', 'for v in $MY_NODE_NAME $MY_POD_NAME $MY_POD_NAMESPACE $MY_POD_IP $MY_POD_SERVICE_ACCOUNT; do echo $v; done'], stdout: /^node-1\ndapi-envars-fieldref\ndoc-\d+\n10\.244\.\d+\.\d+\ndefault\n$/ } },
  { file: 'inject/dapi-envars-container.yaml', objects: [], exec: { command: ['sh', '-c', 'echo $MY_CPU_REQUEST; echo $MY_CPU_LIMIT; echo $MY_MEM_REQUEST; echo $MY_MEM_LIMIT'], stdout: '1\n1\n33554432\n67108864\n' } },
  { file: 'inject/dapi-volume.yaml', objects: [], exec: { command: ['sh', '-c', 'cat /etc/podinfo/labels; echo; cat /etc/podinfo/annotations'], stdout: 'cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"\nbuild="two"\nbuilder="john-doe"' } },
  { file: 'inject/dapi-volume-resources.yaml', objects: [], exec: { command: ['sh', '-c', 'for f in cpu_limit cpu_request mem_limit mem_request; do cat /etc/podinfo/$f; echo; done'], stdout: '250\n125\n64\n32\n' } },
  { file: 'storage/projected.yaml', objects: [secret('user', { username: 'admin' }), secret('pass', { password: '1f2d1e2e67df' })], exec: { command: ['ls', '/projected-volume/'], stdout: 'password\nusername\n' } },
  // No limit on the container: cpu_limit is the node's allocatable cpu (kubesim up's nodes have 4).
  {
    file: 'storage/projected-secret-downwardapi-configmap.yaml',
    objects: [secret('mysecret', { username: 'admin' }), configMap('myconfigmap', { config: 'x=1' })],
    exec: { command: ['sh', '-c', 'cat /projected-volume/my-group/my-username; echo; cat /projected-volume/my-group/my-config; echo; cat /projected-volume/cpu_limit'], stdout: 'admin\nx=1\n4' },
  },
  {
    file: 'storage/projected-secrets-nondefault-permission-mode.yaml',
    objects: [secret('mysecret', { username: 'admin' }), secret('mysecret2', { password: 'pw' })],
    exec: { command: ['sh', '-c', 'cat /projected-volume/my-group/my-username /projected-volume/my-group/my-password'], stdout: 'adminpw' },
  },
  { file: 'storage/projected-service-account-token.yaml', objects: [], exec: { command: ['cat', '/service-account/token'], stdout: JWT } },
  { file: 'pod-projected-svc-token.yaml', objects: [], exec: { command: ['cat', '/var/run/secrets/tokens/vault-token'], stdout: JWT } },
];

/** Pods consuming ConfigMaps, Secrets, the downward API and projected volumes, with kubectl, as the docs run them. */
describe.skipIf(!hasKubectl)('ConfigMaps, Secrets, the downward API and volumes in pods (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const k = (...args: string[]) => cluster.kubectl(...args);
  const apply = async (ns: string, objects: object[]) => {
    if (!objects.length) return;
    for (const o of objects) expect((await cluster.kubectlWithInput(JSON.stringify(o), 'apply', '-n', ns, '-f', '-')).stderr).toBe('');
  };

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: 0.1 });
    await cluster.up();
  }, 120_000);
  afterAll(async () => {
    await cluster?.down();
  });

  it('every namespace has the default ServiceAccount and kube-root-ca.crt', async () => {
    await k('create', 'namespace', 'team-a');
    await eventually(async () => expect((await k('get', 'sa', '-n', 'team-a')).stdout).toMatch(/^NAME\s+SECRETS\s+AGE\ndefault\s+0\s+\S+\n$/));
    expect((await k('get', 'configmap', 'kube-root-ca.crt', '-n', 'team-a', '-o', 'jsonpath={.data.ca\\.crt}')).stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    await k('delete', 'sa', 'default', '-n', 'team-a');
    await eventually(async () => expect((await k('get', 'sa', 'default', '-n', 'team-a')).code).toBe(0));
  });

  it.each(CASES.map((c, i) => [c.file, i, c] as const))('%s runs to its documented outcome', async (_f, i, c) => {
    const ns = `doc-${i}`;
    expect((await k('create', 'namespace', ns)).code).toBe(0);
    await apply(ns, c.objects);
    const created = await k('create', '-n', ns, '-f', join(CORPUS, c.file));
    if (c.refused) return void expect(created.stderr).toContain(c.refused);
    expect(created.stderr).toBe('');
    const pod = created.stdout.trim().replace(/ created$/, '');
    if (c.logs !== undefined) {
      await eventually(async () => {
        const out = (await k('logs', '-n', ns, pod)).stdout;
        if (typeof c.logs === 'string') expect(text(out)).toBe(text(c.logs));
        else for (const re of [c.logs!].flat()) expect(out).toMatch(re);
      }, 60_000);
    }
    if (c.exec) {
      await eventually(async () => expect((await k('get', '-n', ns, pod)).stdout).toMatch(/Running/), 60_000);
      const r = await k('exec', '-n', ns, pod.replace('pod/', ''), '--', ...c.exec.command);
      if (typeof c.exec.stdout === 'string') expect(text(r.stdout)).toBe(text(c.exec.stdout));
      else expect(r.stdout).toMatch(c.exec.stdout);
    }
  }, 90_000);

  it('a pod waits in CreateContainerConfigError with the kubelet message and starts once its ConfigMap appears', async () => {
    const ns = 'missing-cm';
    await k('create', 'namespace', ns);
    expect((await k('create', '-n', ns, '-f', join(CORPUS, 'pod-configmap-env-var-valueFrom.yaml'))).code).toBe(0);
    await eventually(async () => expect((await k('get', 'pod', 'dapi-test-pod', '-n', ns)).stdout).toMatch(/dapi-test-pod\s+0\/1\s+CreateContainerConfigError/), 60_000);
    expect((await k('get', 'pod', 'dapi-test-pod', '-n', ns, '-o', 'jsonpath={.status.containerStatuses[0].state.waiting.message}')).stdout).toBe('configmap "special-config" not found');
    expect((await k('get', 'events', '-n', ns)).stdout).toMatch(/Warning\s+Failed\s+pod\/dapi-test-pod\s+Error: configmap "special-config" not found/);
    await apply(ns, [configMap('special-config', { SPECIAL_LEVEL: 'very' })]);
    await eventually(async () => expect((await k('get', 'pod', 'dapi-test-pod', '-n', ns, '-o', 'jsonpath={.status.containerStatuses[0].state.waiting.message}')).stdout).toBe("couldn't find key SPECIAL_TYPE in ConfigMap missing-cm/special-config"), 30_000);
    await apply(ns, [configMap('special-config', { SPECIAL_LEVEL: 'very', SPECIAL_TYPE: 'charm' })]);
    await eventually(async () => expect((await k('logs', 'dapi-test-pod', '-n', ns)).stdout).toBe('very charm\n'), 30_000);
    expect((await k('get', 'pod', 'dapi-test-pod', '-n', ns)).stdout).toMatch(/dapi-test-pod\s+0\/1\s+Completed\s+0/);
  }, 120_000);

  it("a mounted ConfigMap's file changes after an update; the token files are readable", async () => {
    const ns = 'updates';
    await k('create', 'namespace', ns);
    await apply(ns, [configMap('game', { color: 'red' })]);
    await cluster.kubectlWithInput(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'reader' },
        spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'config', mountPath: '/etc/config' }] }], volumes: [{ name: 'config', configMap: { name: 'game' } }] },
      }),
      'create', '-n', ns, '-f', '-',
    );
    await eventually(async () => expect((await k('get', 'pod', 'reader', '-n', ns)).stdout).toMatch(/1\/1\s+Running/), 60_000);
    expect((await k('exec', '-n', ns, 'reader', '--', 'cat', '/etc/config/color')).stdout).toBe('red');
    expect((await k('exec', '-n', ns, 'reader', '--', 'ls', '/etc/config')).stdout).toBe('color\n');
    await apply(ns, [configMap('game', { color: 'blue' })]);
    // The kubelet's sync period: 60 s × 0.1.
    await eventually(async () => expect((await k('exec', '-n', ns, 'reader', '--', 'cat', '/etc/config/color')).stdout).toBe('blue'), 30_000);
    const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
    expect((await k('exec', '-n', ns, 'reader', '--', 'cat', `${sa}/namespace`)).stdout).toBe('updates');
    expect((await k('exec', '-n', ns, 'reader', '--', 'cat', `${sa}/token`)).stdout).toMatch(JWT);
    expect((await k('exec', '-n', ns, 'reader', '--', 'cat', `${sa}/ca.crt`)).stdout).toMatch(/^-----BEGIN CERTIFICATE-----/);
  }, 120_000);

  it("a file written to a PersistentVolume is there for the next pod mounting the claim (the binder's part stubbed: volumeName and a Bound status)", async () => {
    const ns = 'storage';
    await k('create', 'namespace', ns);
    expect((await k('create', '-f', join(CORPUS, 'storage/pv-volume.yaml'))).code).toBe(0);
    const claim = await cluster.kubectlWithInput(
      JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'task-pv-claim' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } }, storageClassName: 'manual', volumeName: 'task-pv-volume' } }),
      'create', '-n', ns, '-f', '-',
    );
    expect(claim.stderr).toBe('');
    // The PV controller (branch `storage`) would write this; here it is written by hand.
    expect((await k('patch', 'pvc', 'task-pv-claim', '-n', ns, '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Bound"}}')).code).toBe(0);
    const run = async () => {
      expect((await k('create', '-n', ns, '-f', join(CORPUS, 'storage/pv-pod.yaml'))).code).toBe(0);
      await eventually(async () => expect((await k('get', 'pod', 'task-pv-pod', '-n', ns)).stdout).toMatch(/1\/1\s+Running/), 60_000);
    };
    await run();
    expect((await k('exec', '-n', ns, 'task-pv-pod', '--', 'sh', '-c', 'echo "Hello from Kubernetes storage" > /usr/share/nginx/html/index.html')).code).toBe(0);
    expect((await k('delete', 'pod', 'task-pv-pod', '-n', ns)).code).toBe(0);
    await run();
    expect((await k('exec', '-n', ns, 'task-pv-pod', '--', 'cat', '/usr/share/nginx/html/index.html')).stdout).toBe('Hello from Kubernetes storage\n');
  }, 120_000);
});
