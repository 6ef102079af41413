import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl } from './harness';

/** Real kubectl against `kubesim up`: the columns and strings a real cluster prints. */
describe.skipIf(!hasKubectl)('kubectl against kubesim (skipped: kubectl not installed)', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('lists nodes with kubectl’s columns', async () => {
    const r = await cluster.kubectl('get', 'nodes');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/);
    expect(r.stdout).toMatch(/node-1\s+Ready\s+<none>\s+\d+s\s+v1\.32\.0-kubesim\n/);
  });

  it('creates a pod from a manifest and shows it Running with READY 1/1', async () => {
    const file = join(cluster.dataDir, 'pod.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.25\n');
    const created = await cluster.kubectl('create', '-f', file);
    expect(created.stdout).toBe('pod/web created\n');
    await eventually(async () => {
      const r = await cluster.kubectl('get', 'pods', '-o', 'wide');
      expect(r.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/);
      expect(r.stdout).toMatch(/web\s+1\/1\s+Running\s+0\s+\d+s\s+10\.244\.\d+\.\d+\s+node-\d\s+<none>\s+<none>\n/);
    });
  });

  it('prints the server’s NotFound the way it does for a real cluster', async () => {
    const r = await cluster.kubectl('get', 'pod', 'nope');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('Error from server (NotFound): pods "nope" not found');
  });

  it('deletes a pod and waits until it is gone', async () => {
    const r = await cluster.kubectl('delete', 'pod', 'web');
    expect(r.stdout).toBe('pod "web" deleted\n');
    const after = await cluster.kubectl('get', 'pods');
    expect(after.stderr.trim()).toBe('No resources found in default namespace.');
  });
});
