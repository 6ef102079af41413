import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Cluster, hasKubectl, run } from './harness';

/** Debian's python3-kubernetes (`.ci/run` installs it), wherever a python3 can import it. */
const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import kubernetes'], { encoding: 'utf8' }).status === 0);

const UNAUTHORIZED = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };

/** `kubesim up` as a user runs it: HTTPS, a generated CA and admin token, RBAC on every request. */
describe.skipIf(!hasKubectl)('authentication and RBAC (kubesim up, secure by default)', () => {
  let cluster: Cluster;
  /** kubectl as the user of the kubeconfig `kubesim up` merged its context into, with no flags. */
  const kubectl = (...args: string[]) => run('kubectl', args, { KUBECONFIG: cluster.userKubeconfigFile });

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: 0.1, secure: true, dashboard: true });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.downAll();
  });

  it('generates the CA, serving certificate and admin token into <data-dir>/pki, each file 0600', () => {
    for (const f of ['ca.crt', 'ca.key', 'apiserver.crt', 'apiserver.key', 'tokens.csv', 'admin.token']) {
      expect((statSync(join(cluster.dataDir, 'pki', f)).mode & 0o777).toString(8)).toBe('600');
    }
    const kc = parse(readFileSync(cluster.kubeconfigFile, 'utf8'));
    expect(kc.clusters[0].cluster.server).toBe(cluster.server);
    expect(Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toBe(readFileSync(join(cluster.dataDir, 'pki', 'ca.crt'), 'utf8'));
    expect(kc.users[0].user.token).toBe(readFileSync(join(cluster.dataDir, 'pki', 'admin.token'), 'utf8').trim());
  });

  it('answers an anonymous request with 401 Unauthorized, a wrong token too; /healthz, /readyz, /livez and /version stay open', async () => {
    const ca = readFileSync(join(cluster.dataDir, 'pki', 'ca.crt'), 'utf8');
    const { authFetch } = await import('@kubesim/kube-rest');
    const anonymous = authFetch({ ca });
    for (const path of ['/api/v1/pods', '/api/v1/nodes', '/apis']) {
      const res = await anonymous(cluster.server + path);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(UNAUTHORIZED);
    }
    expect((await authFetch({ ca, token: 'not-a-token' })(`${cluster.server}/api/v1/pods`)).status).toBe(401);
    for (const path of ['/healthz', '/readyz', '/livez', '/version']) expect((await anonymous(cluster.server + path)).status).toBe(200);
    // Plain HTTP on the port is not served at all.
    await expect(fetch(`http://127.0.0.1:${cluster.port}/api/v1/pods`).then((r) => r.status)).rejects.toThrow();
  });

  it('after up, plain `kubectl get nodes` works: the kubesim context is current in $KUBECONFIG', async () => {
    const r = await kubectl('get', 'nodes', '-o', 'name');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('node/node-1\n');
    expect(parse(readFileSync(cluster.userKubeconfigFile, 'utf8'))['current-context']).toBe('kubesim');
  });

  it('kubectl auth whoami names the admin and its groups', async () => {
    const r = await kubectl('auth', 'whoami', '-o', 'json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).status.userInfo).toEqual({ username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] });
  });

  it('kubectl auth can-i answers yes for the admin', async () => {
    expect((await kubectl('auth', 'can-i', 'delete', 'pods')).stdout).toBe('yes\n');
    expect((await kubectl('auth', 'can-i', '--list')).stdout).toContain('*.*');
  });

  it('serves the bootstrap ClusterRoles and the cluster-admin binding to system:masters', async () => {
    const roles = (await kubectl('get', 'clusterroles', '-o', 'name')).stdout.split('\n');
    for (const r of ['cluster-admin', 'admin', 'edit', 'view', 'system:discovery', 'system:public-info-viewer']) expect(roles).toContain(`clusterrole.rbac.authorization.k8s.io/${r}`);
    const b = JSON.parse((await kubectl('get', 'clusterrolebinding', 'cluster-admin', '-o', 'json')).stdout);
    expect(b.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' });
    expect(b.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }]);
  });

  it('a user token with a Role and RoleBinding may get pods and is refused deleting nodes with upstream 403 text', async () => {
    appendFileSync(join(cluster.dataDir, 'pki', 'tokens.csv'), 'alice-token,alice,alice-uid\n');
    const alice = (...args: string[]) => kubectl('--token', 'alice-token', ...args);
    expect((await alice('auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}')).stdout).toBe('alice');
    const before = await alice('get', 'pods');
    expect(before.stderr).toBe('Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"\n');
    expect((await alice('auth', 'can-i', 'list', 'pods')).stdout).toBe('no\n');

    expect((await kubectl('create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods')).code).toBe(0);
    expect((await kubectl('create', 'rolebinding', 'alice-reads-pods', '--role=pod-reader', '--user=alice')).code).toBe(0);

    const after = await alice('get', 'pods');
    expect(after.code).toBe(0);
    expect(after.stderr).toBe('No resources found in default namespace.\n');
    expect((await alice('auth', 'can-i', 'list', 'pods')).stdout).toBe('yes\n');
    const del = await alice('delete', 'node', 'node-1');
    expect(del.stderr).toBe('Error from server (Forbidden): nodes "node-1" is forbidden: User "alice" cannot delete resource "nodes" in API group "" at the cluster scope\n');
    expect((await kubectl('get', 'node', 'node-1', '-o', 'name')).stdout).toBe('node/node-1\n');
    // Not in another namespace: the binding is kube-system-less.
    expect((await alice('get', 'pods', '-n', 'kube-system')).stderr).toContain('User "alice" cannot list resource "pods" in API group "" in the namespace "kube-system"');
  });

  it('kubectl exec (a WebSocket upgrade) is authenticated and authorized too: the admin gets a shell, a bad token a 401, alice a 403 on pods/exec', async () => {
    expect((await kubectl('run', 'sh', '--image=busybox:1.36', '--', 'sleep', '3600')).code).toBe(0);
    expect((await kubectl('wait', '--for=condition=Ready', 'pod/sh', '--timeout=60s')).code).toBe(0);
    expect(await kubectl('exec', 'sh', '--', 'echo', 'ok')).toMatchObject({ code: 0, stdout: 'ok\n' });
    // The log names who created it as authenticated, not as its user agent says (kubectl).
    const story = await cluster.cli('replay', '--data-dir', cluster.dataDir, '--pod', 'sh');
    expect(story.stdout).toMatch(/default\/sh\s.*\suser:kubernetes-admin$/m);
    expect(story.stdout).not.toMatch(/user:kubectl/);
    const bad = await kubectl('--token', 'not-a-token', 'exec', 'sh', '--', 'echo', 'ok');
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/Unauthorized/);
    const alice = await kubectl('--token', 'alice-token', 'exec', 'sh', '--', 'echo', 'ok');
    expect(alice.code).not.toBe(0);
    expect(alice.stdout).toBe('');
    expect(alice.stderr).toContain('User "alice" cannot create resource "pods/exec" in API group "" in the namespace "default"');
  });

  it('kubectl create token SA issues a token that authenticates as system:serviceaccount:NS:NAME, under RBAC', async () => {
    expect((await kubectl('create', 'serviceaccount', 'ci')).code).toBe(0);
    const token = (await kubectl('create', 'token', 'ci')).stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const ci = (...args: string[]) => kubectl('--token', token, ...args);
    expect(JSON.parse((await ci('auth', 'whoami', '-o', 'json')).stdout).status.userInfo).toMatchObject({ username: 'system:serviceaccount:default:ci', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] });
    expect((await ci('get', 'configmaps')).stderr).toBe('Error from server (Forbidden): configmaps is forbidden: User "system:serviceaccount:default:ci" cannot list resource "configmaps" in API group "" in the namespace "default"\n');
    expect((await kubectl('create', 'rolebinding', 'ci-view', '--clusterrole=view', '--serviceaccount=default:ci')).code).toBe(0);
    expect((await ci('get', 'configmaps', '-o', 'name')).code).toBe(0);
    expect((await kubectl('create', 'token', 'ci', '--duration=1m')).stderr).toBe('error: failed to create token: TokenRequest.authentication.k8s.io "ci" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes\n');
    // A deleted account's tokens stop working.
    expect((await kubectl('delete', 'serviceaccount', 'ci')).code).toBe(0);
    expect((await ci('get', 'configmaps')).stderr).toBe('error: You must be logged in to the server (Unauthorized)\n');
  });

  it('refuses an invalid RoleBinding with upstream field messages', async () => {
    const rb = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'bad' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Deployment', name: 'x' }, subjects: [{ kind: 'User', name: 'bob' }] };
    const res = await cluster.fetch('/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rb) });
    expect(res.status).toBe(422);
    expect((await res.json()).message).toBe(
      'RoleBinding.rbac.authorization.k8s.io "bad" is invalid: [roleRef.kind: Unsupported value: "Deployment": supported values: "Role", "ClusterRole", subjects[0].apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"]',
    );
  });

  it('the kubesim CLI authenticates through the kubeconfig as kubectl does', async () => {
    const r = await run(process.execPath, [join(__dirname, '../../bin/kubesim'), 'get', 'nodes'], { KUBECONFIG: cluster.userKubeconfigFile, KUBESIM_SERVER: '' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^NAME\s+STATUS.*\nnode-1\s+Ready/);
  });

  it("the dashboard's writes reach the apiserver with the cluster's credentials (cordon, uncordon)", async () => {
    const r = await fetch(`${cluster.dashboard}api/nodes/node-1/cordon`, { method: 'POST' });
    expect(r.status).toBe(200);
    expect(JSON.parse((await kubectl('get', 'node', 'node-1', '-o', 'json')).stdout).spec.unschedulable).toBe(true);
    expect((await fetch(`${cluster.dashboard}api/nodes/node-1/uncordon`, { method: 'POST' })).status).toBe(200);
    expect(JSON.parse((await kubectl('get', 'node', 'node-1', '-o', 'json')).stdout).spec.unschedulable).toBeUndefined();
  });

  it('@kubernetes/client-node works through TLS with the generated kubeconfig', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfigFile);
    const api = kc.makeApiClient(CoreV1Api);
    expect((await api.listNode()).items.map((n) => n.metadata?.name)).toEqual(['node-1']);
  });

  it.skipIf(!PYTHON)('the official Python client works through TLS with the generated kubeconfig (skipped: python3-kubernetes not installed)', async () => {
    const script = ['import sys', 'from kubernetes import client, config', 'config.load_kube_config(config_file=sys.argv[1])', "print(' '.join(n.metadata.name for n in client.CoreV1Api().list_node().items))"].join('\n');
    const r = await run(PYTHON!, ['-c', script, cluster.kubeconfigFile], {}, 60_000);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('node-1\n');
  });
});

describe.skipIf(!hasKubectl)('kubesim up --insecure', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.downAll();
  });

  it('serves plain anonymous HTTP on the loopback port and says so', async () => {
    expect(cluster.output).toContain('kubesim: WARNING: --insecure');
    const res = await fetch(`${cluster.server}/api/v1/nodes`);
    expect(res.status).toBe(200);
    expect((await res.json()).items.map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual(['node-1']);
    expect((await cluster.kubectl('auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}')).stdout).toBe('system:unsecured');
  });
});
