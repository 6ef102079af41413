import type { Node, Pod } from '@kubesim/api';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@kubesim/testing';
import type { Page } from 'playwright-core';
import { hasChromium, openBrowser } from './browser';
import { authFetch, loadKubeconfigAuth, type AuthFetch } from '@kubesim/kube-rest';
import { eventually, ROOT, run, type CliResult } from './harness';

/** The kubeconfig the compose apiserver generated into its pki volume (CA, admin token), copied out as the README says. */
async function copyKubeconfig(dc: (...args: string[]) => Promise<CliResult>, file: string): Promise<void> {
  await eventually(async () => {
    const r = await dc('exec', '-T', 'apiserver', 'cat', '/var/lib/kubesim/pki/kubeconfig');
    expect(r.stdout).toContain('certificate-authority-data');
    writeFileSync(file, r.stdout);
  }, 90_000, 500);
}

const engine = spawnSync('docker', ['info'], { encoding: 'utf8' }).status === 0;
const compose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0 ? ['docker-compose'] : ['docker', 'compose'];

/**
 * The compose story of the README, as a user runs it: up, three Ready nodes, stop a kubelet and
 * watch its node go NotReady and its pods Unknown, start it again, kill the apiserver, down/up
 * with the volume kept, and the replay from the tools profile.
 */
describe.skipIf(!engine)('docker compose, end to end (needs a Docker engine: ../shared/tools/docker-local.sh)', () => {
  const project = `kubesim-e2e-${process.pid}`;
  let port = 0;
  let dashboardPort = 0;
  const dc = (...args: string[]): Promise<CliResult> =>
    run(compose[0], [...compose.slice(1), '-p', project, ...args], { KUBESIM_API_PORT: String(port), KUBESIM_DASHBOARD_PORT: String(dashboardPort), COMPOSE_PROJECT_NAME: project }, 600_000);
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-compose-'));
  /** The kubeconfig the apiserver generated into its pki volume on first start (CA, admin token). */
  const kubeconfig = join(dir, 'kubeconfig');
  const cli = (...args: string[]) => run(process.execPath, [join(ROOT, 'bin/kubesim'), ...args], { KUBECONFIG: kubeconfig });
  let admin: AuthFetch = () => Promise.reject(new Error('no kubeconfig yet'));
  const api = (path: string, init?: Parameters<AuthFetch>[1]) => admin(`https://127.0.0.1:${port}${path}`, init);
  const json = async <T>(...args: string[]) => JSON.parse((await cli('get', ...args, '-o', 'json')).stdout) as T;
  let onNode2: string[] = [];
  /** The dashboard open in chromium from its test on, watching the cluster live. */
  let page: Page | undefined;
  let closeBrowser = async (): Promise<void> => undefined;

  beforeAll(async () => {
    port = await freePort();
    dashboardPort = await freePort();
    const built = await dc('build', 'apiserver'); // one image for every service
    if (built.code !== 0) throw new Error(built.stderr.slice(-3000));
    const up = await dc('up', '-d');
    if (up.code !== 0) throw new Error(up.stderr);
  }, 600_000);
  afterAll(async () => {
    await closeBrowser();
    await dc('down', '-v');
  }, 120_000);

  it('generates its credentials on first start: HTTPS, 401 for anonymous clients, a kubeconfig to copy out', async () => {
    await copyKubeconfig(dc, kubeconfig);
    admin = authFetch(loadKubeconfigAuth([kubeconfig]));
    const anonymous = authFetch({ ca: loadKubeconfigAuth([kubeconfig]).ca });
    await eventually(async () => expect((await anonymous(`https://127.0.0.1:${port}/healthz`)).status).toBe(200), 60_000, 500);
    expect((await anonymous(`https://127.0.0.1:${port}/api/v1/nodes`)).status).toBe(401);
  }, 120_000);

  it('comes up with three Ready nodes, one of them labelled', async () => {
    await eventually(async () => expect((await api('/readyz')).status).toBe(200), 90_000, 500);
    const nodes = await json<{ items: Node[] }>('nodes');
    expect(nodes.items.map((n) => [n.metadata.name, n.status.capacity.cpu])).toEqual([['node-1', '4'], ['node-2', '2'], ['node-3', '8']]);
    expect(nodes.items[2].metadata.labels?.disktype).toBe('ssd');
  }, 120_000);

  it('serves the dashboard, which names the docker command for a node action it cannot do', async () => {
    const dashboard = `http://127.0.0.1:${dashboardPort}`;
    await eventually(async () => expect((await fetch(`${dashboard}/`)).status).toBe(200), 60_000, 500);
    expect(await (await fetch(`${dashboard}/api/config`)).json()).toMatchObject({ mode: 'compose' });
    const r = await fetch(`${dashboard}/api/nodes/node-2/process`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ op: 'kill' }) });
    expect(await r.json()).toMatchObject({ command: 'docker compose kill kubelet-2' });
    if (!hasChromium) return;
    // In the browser: the three nodes Ready; "kill" on node-2 names the command instead.
    ({ page, close: closeBrowser } = await openBrowser());
    await page.goto(`${dashboard}/`);
    for (const n of ['node-1', 'node-2', 'node-3']) await page.locator(`[data-testid=node-column][data-node="${n}"][data-status=Ready]`).waitFor({ timeout: 30_000 });
    const node2 = page.locator('[data-testid=node-column][data-node="node-2"]');
    await node2.getByTestId('node-actions').click();
    await node2.getByTestId('node-action-kill').click();
    await page.getByTestId('toast').filter({ hasText: 'docker compose kill kubelet-2' }).waitFor({ timeout: 10_000 });
  }, 90_000);

  it('runs a pod pinned to node-2, and a pod elsewhere', async () => {
    const f = join(dir, 'pods.yaml');
    writeFileSync(
      f,
      ['node-2', 'node-1']
        .map((n) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: on-${n}\nspec:\n  nodeName: ${n}\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sleep", "3600"]\n`)
        .join('---\n'),
    );
    expect((await cli('apply', '-f', f)).code).toBe(0);
    const d = join(dir, 'web.yaml');
    writeFileSync(d, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 6\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.25\n');
    // node-2 is the smallest node: cordon the others while the Deployment is placed, so that some
    // of its pods are there when kubelet-2 stops.
    const cordon = (node: string, on: boolean) =>
      api(`/api/v1/nodes/${node}`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ spec: { unschedulable: on } }) });
    await cordon('node-1', true);
    await cordon('node-3', true);
    expect((await cli('apply', '-f', d)).code).toBe(0);
    await eventually(async () => expect((await json<{ items: Pod[] }>('pods', '-l', 'app=web')).items.filter((p) => p.spec.nodeName === 'node-2')).toHaveLength(6), 60_000);
    await cordon('node-1', false);
    await cordon('node-3', false);
    await eventually(async () => {
      const pods = await json<{ items: Pod[] }>('pods');
      expect(pods.items.filter((p) => p.status.phase === 'Running')).toHaveLength(8);
    }, 60_000);
    onNode2 = (await json<{ items: Pod[] }>('pods', '-l', 'app=web')).items.filter((p) => p.spec.nodeName === 'node-2').map((p) => p.metadata.name);
    expect(onNode2.length).toBeGreaterThan(0);
  }, 90_000);

  it('docker compose stop kubelet-2: node-2 NotReady within 15 s, its pods Unknown', async () => {
    const t0 = Date.now();
    expect((await dc('stop', 'kubelet-2')).code).toBe(0);
    await eventually(async () => expect((await cli('get', 'nodes')).stdout).toMatch(/node-2\s+NotReady/), 30_000, 500);
    // Grace 50 s + monitor 5 s at time scale 0.2 = 11 s after the last renewal.
    expect(Date.now() - t0).toBeLessThan(15_000 + 5_000);
    await eventually(async () => {
      const table = (await cli('get', 'pods')).stdout;
      expect(table).toMatch(/on-node-2\s+1\/1\s+Unknown/);
      for (const n of onNode2) expect(table).toMatch(new RegExp(`${n}\\s+1/1\\s+Unknown`));
    }, 10_000, 500);
    expect((await json<Pod>('pod', 'on-node-1')).status.phase).toBe('Running');
    // The dashboard opened earlier saw it happen through its watch.
    if (page) {
      await page.locator('[data-testid=node-column][data-node="node-2"][data-status=NotReady]').waitFor({ timeout: 10_000 });
      await page.locator('[data-testid=pod-card][data-pod="on-node-2"][data-status=Unknown]').waitFor({ timeout: 10_000 });
      mkdirSync(join(ROOT, 'dist', 'e2e-screenshots'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'dist', 'e2e-screenshots', 'compose-node-2-stopped.png') });
    }
  }, 60_000);

  it('after the toleration (300 s × 0.2) the Deployment is whole again on the healthy nodes', async () => {
    await eventually(async () => {
      const web = (await json<{ items: Pod[] }>('pods', '-l', 'app=web')).items.filter((p) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp);
      expect(web).toHaveLength(6);
      expect(web.every((p) => p.spec.nodeName !== 'node-2')).toBe(true);
    }, 120_000, 1000);
  }, 150_000);

  it('docker compose start kubelet-2: node-2 Ready again, the evicted pods gone', async () => {
    expect((await dc('start', 'kubelet-2')).code).toBe(0);
    await eventually(async () => expect((await cli('get', 'nodes')).stdout).toMatch(/node-2\s+Ready\s/), 60_000, 500);
    await eventually(async () => {
      const names = (await json<{ items: Pod[] }>('pods')).items.map((p) => p.metadata.name);
      for (const n of onNode2) expect(names).not.toContain(n);
    }, 60_000, 500);
  }, 120_000);

  it('keeps the state when the apiserver is killed and started, and across down/up with the volume', async () => {
    const uids = async () => (await json<{ items: Pod[] }>('pods')).items.map((p) => p.metadata.uid).sort();
    const before = await uids();
    expect((await dc('kill', 'apiserver')).code).toBe(0);
    expect((await dc('start', 'apiserver')).code).toBe(0);
    await eventually(async () => expect(await uids()).toEqual(before), 60_000, 500);
    expect((await dc('down')).code).toBe(0);
    expect((await dc('up', '-d')).code).toBe(0);
    await eventually(async () => expect(await uids()).toEqual(before), 90_000, 500);
  }, 240_000);

  it('docker compose run --rm cli replay prints the timeline', async () => {
    const r = await dc('run', '--rm', 'cli', 'replay');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/default\/on-node-2\s+Running\s+Running\s+node-2/);
    expect(r.stdout).toMatch(/default\/on-node-2\s+Unknown\s+Unknown\s+node-2\s+node-2 lease expired/);
  }, 120_000);
});

/**
 * The replicated broker's compose profile (docker-compose.r3.yml): three nats-servers with the
 * stream at R3; SIGKILL of the first one under a write load — the API answers on (503/504 while a
 * new leader is elected), no acknowledged create is lost, the nodes stay Ready.
 */
describe.skipIf(!engine)('docker compose with docker-compose.r3.yml: one of three nats-servers killed under load', () => {
  const project = `kubesim-e2e-r3-${process.pid}`;
  let port = 0;
  const dc = (...args: string[]): Promise<CliResult> =>
    run(compose[0], [...compose.slice(1), '-p', project, '-f', 'docker-compose.yml', '-f', 'docker-compose.r3.yml', ...args], { KUBESIM_API_PORT: String(port), KUBESIM_DASHBOARD_PORT: String(dashboardPort), COMPOSE_PROJECT_NAME: project }, 600_000);
  let dashboardPort = 0;
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-compose-r3-'));
  let admin: AuthFetch = () => Promise.reject(new Error('no kubeconfig yet'));
  const fetchApi = (path: string, init?: Parameters<AuthFetch>[1]) => admin(`https://127.0.0.1:${port}${path}`, init);

  beforeAll(async () => {
    port = await freePort();
    dashboardPort = await freePort();
    const built = await dc('build', 'apiserver');
    if (built.code !== 0) throw new Error(built.stderr.slice(-3000));
    const up = await dc('up', '-d');
    if (up.code !== 0) throw new Error(up.stderr);
    // The admin credentials the apiserver generated into its pki volume.
    const kubeconfig = join(dir, 'kubeconfig');
    await copyKubeconfig(dc, kubeconfig);
    admin = authFetch(loadKubeconfigAuth([kubeconfig]));
    await eventually(async () => expect((await fetchApi('/readyz')).status).toBe(200), 90_000, 500);
  }, 600_000);
  afterAll(async () => {
    await dc('down', '-v');
  }, 120_000);

  it('every acknowledged create survives; the API answers again after the election; nodes stay Ready', async () => {
    const acked: string[] = [];
    const statuses = new Map<number, number>();
    let stop = false;
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const name = `cm-${n++}`;
        const r = await fetchApi('/api/v1/namespaces/default/configmaps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }), signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
        if (r) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r?.status === 201) acked.push(name);
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    await new Promise((r) => setTimeout(r, 3_000));
    const before = acked.length;
    expect((await dc('kill', 'nats')).code).toBe(0);
    await new Promise((r) => setTimeout(r, 15_000));
    const after = acked.length;
    stop = true;
    await Promise.all(writers);
    // Writes were acknowledged again after the kill (by the two survivors' new leader).
    expect(after).toBeGreaterThan(before);
    // Nothing but 201 and the election's 503 (no leader) / 504 (outcome unknown).
    expect([...statuses.keys()].filter((s) => ![201, 503, 504].includes(s))).toEqual([]);
    const list = (await (await fetchApi('/api/v1/namespaces/default/configmaps')).json()) as { items: { metadata: { name: string } }[] };
    const listed = new Set(list.items.map((c) => c.metadata.name));
    expect(acked.filter((a) => !listed.has(a))).toEqual([]);
    await eventually(async () => {
      const nodes = (await (await fetchApi('/api/v1/nodes')).json()) as { items: Node[] };
      expect(nodes.items.map((x) => [x.metadata.name, x.status.conditions?.find((c) => c.type === 'Ready')?.status])).toEqual([['node-1', 'True'], ['node-2', 'True'], ['node-3', 'True']]);
    }, 30_000, 1000);
  }, 120_000);
});
