import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl } from './harness';

const PROMETHEUS_RULES_CRD = readFileSync(join(__dirname, 'fixtures/crds/prometheusrules.monitoring.coreos.com.yaml'), 'utf8');

const deployment = (replicas: number, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

const rules = (name: string, groups: string[]) => `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: ${name}
spec:
  groups:
${groups.map((g) => `  - name: ${g}\n    rules:\n    - alert: ${g}Down\n      expr: up{job="${g}"} == 0\n      for: 5m\n`).join('')}`;

/** `kubectl apply --server-side` (kubectl 1.32) against kubesim: apply, conflicts, force, diff, dry run, managed fields. */
describe.skipIf(!hasKubectl)('server-side apply with kubectl (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const file = (name: string, body: string) => {
    const f = join(cluster.dataDir, name);
    writeFileSync(f, body);
    return f;
  };
  const ok = (...args: string[]) => cluster.kubectlOk(...args);

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 1, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('applies a Deployment server-side; managedFields show with --show-managed-fields only', async () => {
    expect(await ok('apply', '--server-side', '-f', file('web.yaml', deployment(1)))).toBe('deployment.apps/web serverside-applied\n');
    const shown = await ok('get', 'deploy', 'web', '-o', 'yaml', '--show-managed-fields');
    expect(shown).toMatch(/managedFields:\n {2}- apiVersion: apps\/v1\n {4}fieldsType: FieldsV1\n {4}fieldsV1:\n/);
    expect(shown).toContain('manager: kubectl\n    operation: Apply');
    expect(shown).toContain('k:{"name":"nginx"}:');
    expect(shown).toContain('manager: kube-controller-manager\n    operation: Update\n    subresource: status');
    expect(await ok('get', 'deploy', 'web', '-o', 'yaml')).not.toContain('managedFields');
    expect(await ok('apply', '--server-side', '-f', file('web.yaml', deployment(1)))).toBe('deployment.apps/web serverside-applied\n');
  });

  it('a field changed by a client-side apply is a conflict with upstream’s message; --force-conflicts takes it', async () => {
    await ok('apply', '-f', file('web-3.yaml', deployment(3)));
    const r = await cluster.kubectl('apply', '--server-side', '-f', file('web-2.yaml', deployment(2)));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    expect(r.stderr).toContain('Please review the fields above--they currently have other managers.');
    expect(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}')).toBe('3');

    expect(await ok('apply', '--server-side', '--force-conflicts', '-f', file('web-2.yaml', deployment(2)))).toBe('deployment.apps/web serverside-applied\n');
    expect(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}')).toBe('2');
    const owners = await ok('get', 'deploy', 'web', '--show-managed-fields', '-o', 'jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation} {end}');
    expect(owners).toContain('kubectl/Apply');
    await eventually(async () => expect(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.status.readyReplicas}')).toBe('2'), 60_000);
  });

  it('kubectl diff --server-side and apply --dry-run=server show a change and make none', async () => {
    const next = file('web-img.yaml', deployment(2, 'nginx:1.28'));
    const diff = await cluster.kubectl('diff', '--server-side', '-f', next);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/-\s+- image: nginx:1\.27|-\s+image: nginx:1\.27/);
    expect(diff.stdout).toMatch(/\+\s+- image: nginx:1\.28|\+\s+image: nginx:1\.28/);
    expect(await ok('apply', '--server-side', '--dry-run=server', '-f', next)).toBe('deployment.apps/web serverside-applied (server dry run)\n');
    expect(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.27');
  });

  it('custom objects of prometheus-operator’s PrometheusRule CRD: list-map groups merged per applier, an applier’s dropped group removed', async () => {
    await ok('apply', '--server-side', '-f', file('crd.yaml', PROMETHEUS_RULES_CRD));
    await ok('wait', '--for', 'condition=established', 'crd/prometheusrules.monitoring.coreos.com', '--timeout=20s');
    expect(await ok('apply', '--server-side', '--field-manager', 'team-a', '-f', file('a.yaml', rules('alerts', ['api', 'db'])))).toBe('prometheusrule.monitoring.coreos.com/alerts serverside-applied\n');
    await ok('apply', '--server-side', '--field-manager', 'team-b', '-f', file('b.yaml', rules('alerts', ['cache'])));
    const groups = () => ok('get', 'promrule', 'alerts', '-o', 'jsonpath={.spec.groups[*].name}');
    expect(await groups()).toBe('api db cache');
    await ok('apply', '--server-side', '--field-manager', 'team-a', '-f', file('a2.yaml', rules('alerts', ['api'])));
    expect(await groups()).toBe('api cache');
    const fields = JSON.parse(await ok('get', 'promrule', 'alerts', '--show-managed-fields', '-o', 'jsonpath={.metadata.managedFields}')) as { manager: string; fieldsV1: Record<string, any> }[];
    const teamB = fields.find((f) => f.manager === 'team-b')!;
    expect(Object.keys(teamB.fieldsV1['f:spec']['f:groups'])).toEqual(['k:{"name":"cache"}']);
    // A rule of team-b's group changed by team-a is a conflict naming the keyed path.
    const takeover = rules('alerts', ['api']).replace('  - name: api', '  - name: cache\n    rules:\n    - alert: CacheSlow\n      expr: "1"\n  - name: api');
    const r = await cluster.kubectl('apply', '--server-side', '--field-manager', 'team-a', '-f', file('a3.yaml', takeover));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('conflict with "team-b": .spec.groups[name="cache"].rules');
  });

  it('propagationPolicy Foreground: kubectl delete --cascade=foreground returns once the ReplicaSet and pods are gone', async () => {
    const rs = await ok('get', 'rs', '-l', 'app=web', '-o', 'name');
    expect(rs).toMatch(/^replicaset\.apps\/web-/);
    expect(await ok('delete', 'deploy', 'web', '--cascade=foreground', '--timeout=90s')).toBe('deployment.apps "web" deleted\n');
    expect(await ok('get', 'rs,pods', '-l', 'app=web', '-o', 'name')).toBe('');
  });
});
