import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl } from './harness';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
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
        image: nginx:1.25
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: my-pdb
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: web
`;

const VIOLATES = "Cannot evict pod as it would violate the pod's disruption budget.";
const retryLine = (pod: string) => `error when evicting pods/"${pod}" -n "default" (will retry after 5s): ${VIOLATES}`;

/** A drain stopped by a PodDisruptionBudget: kubectl and kubesim drain retrying 429s, the Eviction API's refusal (time scale 0.1). */
describe.skipIf(!hasKubectl)('PodDisruptionBudgets and the Eviction API with kubectl (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const pdbRow = async () => (await cluster.kubectlOk('get', 'pdb', 'my-pdb', '--no-headers')).trim();
  const podsByNode = async () => {
    const out = await cluster.kubectlOk('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.nodeName} {.metadata.deletionTimestamp}{"\\n"}{end}');
    const byNode = new Map<string, string[]>();
    for (const [name, node, deleting] of out.trim().split('\n').map((l) => l.split(' '))) if (!deleting) byNode.set(node, [...(byNode.get(node) ?? []), name]);
    return byNode;
  };
  const allowed = (row: RegExp) => eventually(async () => expect(await pdbRow()).toMatch(row), 60_000);
  const healthy = (expected: string) => eventually(async () => expect(await cluster.kubectlOk('get', 'pdb', 'my-pdb', '-o', 'jsonpath={.status.currentHealthy}/{.status.desiredHealthy}/{.status.disruptionsAllowed}')).toBe(expected), 60_000);

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: 0.1, dashboard: true });
    await cluster.up();
    const f = join(cluster.dataDir, 'web.yaml');
    writeFileSync(f, MANIFEST);
    await cluster.kubectlOk('apply', '-f', f);
  }, 120_000);
  afterAll(async () => {
    await cluster?.down();
  });

  it('kubectl get pdb: MIN AVAILABLE 2, ALLOWED DISRUPTIONS 1 once the three pods are Ready; the status and its condition', async () => {
    expect((await cluster.kubectlOk('get', 'pdb')).split('\n')[0]).toMatch(/^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE$/);
    await allowed(/^my-pdb\s+2\s+N\/A\s+1\s+\d+s$/);
    const status = JSON.parse(await cluster.kubectlOk('get', 'poddisruptionbudget', 'my-pdb', '-o', 'jsonpath={.status}'));
    expect(status).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1, observedGeneration: 1 });
    expect(status.conditions).toEqual([{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1, lastTransitionTime: expect.stringMatching(/Z$/) }]);
  }, 90_000);

  it('kubectl create pdb (a protobuf body) with maxUnavailable 50% and no matching pods: N/A 50% 0, NoPods', async () => {
    expect(await cluster.kubectlOk('create', 'pdb', 'nobody', '--selector=app=nobody', '--max-unavailable=50%')).toBe('poddisruptionbudget.policy/nobody created\n');
    await eventually(async () => expect(await cluster.kubectlOk('get', 'pdb', 'nobody', '--no-headers')).toMatch(/^nobody\s+N\/A\s+50%\s+0\s+\d+s\n$/), 30_000);
    await eventually(async () => expect(await cluster.kubectlOk('get', 'events', '--field-selector', 'involvedObject.name=nobody', '-o', 'custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message', '--no-headers')).toMatch(/^Normal\s+NoPods\s+No matching pods found$/m), 30_000);
    const f = join(cluster.dataDir, 'both.yaml');
    writeFileSync(f, 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: both\nspec:\n  minAvailable: 1\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n');
    const both = await cluster.kubectl('apply', '-f', f);
    expect(both.code).toBe(1);
    expect(both.stderr).toBe(
      'The PodDisruptionBudget "both" is invalid: spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000a1e000), MaxUnavailable:(*intstr.IntOrString)(0xc000a1e020), Selector:(*v1.LabelSelector)(0xc000a1e040), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set\n',
    );
    await cluster.kubectlOk('delete', 'pdb', 'nobody');
  }, 90_000);

  it('kubectl drain of the node with two of the pods: the first eviction passes, the second is refused (429) and retried until the replacement is Ready', async () => {
    const byNode = await podsByNode();
    const [node, pods] = [...byNode.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    expect(pods.length).toBeGreaterThanOrEqual(2);
    const r = await cluster.kubectl('drain', node, '--ignore-daemonsets', '--timeout=120s');
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain(`node/${node} cordoned`);
    for (const p of pods) expect(r.stdout).toContain(`pod/${p} evicted`);
    expect(r.stdout).toContain(`node/${node} drained`);
    // One of them waited for the budget: kubectl's own retry line, on stderr.
    expect(pods.some((p) => r.stderr.includes(retryLine(p)))).toBe(true);
    await healthy('3/2/1');
  }, 180_000);

  it('POST pods/NAME/eviction with no disruption allowed answers 429 TooManyRequests with the budget in its causes, and the pod stays', async () => {
    await cluster.kubectlOk('patch', 'pdb', 'my-pdb', '--type=merge', '-p', '{"spec":{"minAvailable":3}}');
    await allowed(/^my-pdb\s+3\s+N\/A\s+0\s+\d+s$/);
    await healthy('3/3/0');
    const [pod] = [...(await podsByNode()).values()].flat();
    const r = await fetch(`${cluster.server}/api/v1/namespaces/default/pods/${pod}/eviction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace: 'default' } }),
    });
    expect(r.status).toBe(429);
    expect(await r.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: VIOLATES,
      reason: 'TooManyRequests',
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget my-pdb needs 3 healthy pods and has 3 currently' }] },
      code: 429,
    });
    expect(await cluster.kubectlOk('get', 'pod', pod, '-o', 'jsonpath={.metadata.deletionTimestamp}')).toBe('');
  }, 120_000);

  it('kubectl drain --timeout and kubesim drain --timeout give up with kubectl\'s "global timeout reached"', async () => {
    const [[node, pods]] = [...(await podsByNode()).entries()];
    const k = await cluster.kubectl('drain', node, '--ignore-daemonsets', '--timeout=6s');
    expect(k.code).toBe(1);
    expect(k.stderr).toContain(retryLine(pods[0]));
    expect(k.stderr).toMatch(new RegExp(`error when evicting pods/"web-[\\w-]+" -n "default": global timeout reached: 6s`));
    const s = await cluster.cli('drain', node, '--ignore-daemonsets', '--timeout', '6', '--data-dir', cluster.dataDir);
    expect(s.code).toBe(1);
    for (const p of pods) expect(s.stdout).toContain(`evicting pod default/${p}\n`);
    expect(s.stderr).toContain(retryLine(pods[0]));
    expect(s.stderr).toContain(`error: unable to drain node "${node}" due to error: `);
    expect(s.stderr).toMatch(/global timeout reached: 6s/);
    expect((await podsByNode()).get(node)?.sort()).toEqual([...pods].sort());
  }, 120_000);

  it('kubesim drain retries the refusals until the budget allows each eviction, then drains', async () => {
    const byNode = await podsByNode();
    const [node, pods] = [...byNode.entries()][0];
    const other = (await cluster.kubectlOk('get', 'nodes', '-o', 'jsonpath={.items[*].metadata.name}')).split(' ').find((n) => n !== node)!;
    await cluster.kubectlOk('uncordon', other);
    await cluster.kubectlOk('patch', 'pdb', 'my-pdb', '--type=merge', '-p', '{"spec":{"minAvailable":2}}');
    await allowed(/^my-pdb\s+2\s+N\/A\s+1\s+\d+s$/);
    const s = await cluster.cli('drain', node, '--ignore-daemonsets', '--timeout', '120', '--data-dir', cluster.dataDir);
    expect(s).toMatchObject({ code: 0 });
    for (const p of pods) expect(s.stdout).toContain(`pod/${p} evicted\n`);
    expect(s.stdout).toContain(`node/${node} drained\n`);
    expect(pods.some((p) => s.stderr.includes(retryLine(p)))).toBe(true);
    await healthy('3/2/1');
    expect((await podsByNode()).get(other)).toHaveLength(3);
  }, 180_000);

  it('the dashboard’s drain: what the budget refuses is retried in the background every 5s, until every pod has moved', async () => {
    const byNode = await podsByNode();
    const [node, pods] = [...byNode.entries()][0];
    const other = (await cluster.kubectlOk('get', 'nodes', '-o', 'jsonpath={.items[*].metadata.name}')).split(' ').find((n) => n !== node)!;
    await cluster.kubectlOk('uncordon', other);
    expect(pods).toHaveLength(3);
    const res = await fetch(`${cluster.dashboard}api/nodes/${node}/drain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const r = (await res.json()) as { out: string[]; errors: string[] };
    expect(r.errors).toEqual([]);
    expect(r.out[0]).toBe(`node/${node} cordoned`);
    // One disruption allowed: one eviction passes, the other two are refused and left to the retries.
    expect(r.out.filter((l) => pods.some((p) => l === retryLine(p)))).toHaveLength(2);
    expect(r.out.at(-1)).toBe(`2 pods are kept by a PodDisruptionBudget: retrying every 5s until allowed (uncordon ${node} to stop)`);
    await eventually(async () => expect((await podsByNode()).get(other)).toHaveLength(3), 120_000);
    expect((await podsByNode()).get(node)).toBeUndefined();
    await healthy('3/2/1');
  }, 180_000);
});
