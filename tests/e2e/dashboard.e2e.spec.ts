/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumRequired, hasChromium, openBrowser } from './browser';
import { Cluster, ROOT } from './harness';

/**
 * The dashboard in a real browser against `kubesim up` at time scale 0.1: three Ready nodes; a
 * Deployment created from pasted YAML turns Running; "kill" on node-2 makes it NotReady and its
 * pods Unknown, and the ReplicaSet places replacements elsewhere; the scrubber moved back shows
 * node-2's pods Running again; a pod's story lists its transitions with their causes.
 * Screenshots go to `dist/e2e-screenshots/` (two of them are docs/dashboard-*.png).
 */
const TIME_SCALE = 0.1;
const SHOTS = join(ROOT, 'dist', 'e2e-screenshots');
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 6
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      # Spread over the nodes, so that node-2 has some to lose (ScheduleAnyway: with DoNotSchedule
      # the lost node-2, at 0 pods, would keep the replacements Pending, as on a real cluster).
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: ScheduleAnyway
        labelSelector:
          matchLabels: {app: web}
      initContainers:
      - name: setup
        image: busybox:1.36
        command: ["sh", "-c", "sleep 1"]
      containers:
      - name: nginx
        image: nginx:1.25
        resources:
          requests: {cpu: 250m, memory: 64Mi}
`;

const suite = hasChromium || chromiumRequired ? describe : describe.skip;

suite(`the dashboard in chromium${hasChromium ? '' : ' (skipped: /usr/bin/chromium is missing; apt-get install -y chromium)'}`, () => {
  let cluster: Cluster;
  let page: Page;
  let close = async (): Promise<void> => undefined;
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const column = (node: string) => page.locator(`[data-testid=node-column][data-node="${node}"]`);
  const cards = (sel = '') => page.locator(`[data-testid=pod-card]${sel}`);
  const podsOn = async (node: string) => column(node).locator('[data-testid=pod-card]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-pod'), e.getAttribute('data-status')]));

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    cluster = await Cluster.create({ nodes: 3, timeScale: TIME_SCALE, dashboard: true });
    await cluster.up();
    expect(cluster.output).toContain(`dashboard:  ${cluster.dashboard}`);
    ({ page, close } = await openBrowser());
    await page.goto(cluster.dashboard);
  });
  afterAll(async () => {
    await close();
    await cluster?.down();
  });

  it('shows three Ready nodes', async () => {
    for (const n of ['node-1', 'node-2', 'node-3']) await column(n).and(page.locator('[data-status=Ready]')).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=node-column]').count()).toBe(3);
  });

  let onNode2: string[] = [];
  let beforeKill = 0;

  it('creates a Deployment from pasted YAML; its pods appear and turn Running', async () => {
    await page.getByTestId('open-create').click();
    await page.getByTestId('create-yaml').fill(DEPLOYMENT);
    await page.getByTestId('create-submit').click();
    await page.getByTestId('create-result').getByText('deployment.apps/web created').waitFor();
    // Again: the apiserver's own refusal, as kubectl prints it.
    await page.getByTestId('create-submit').click();
    await page.getByTestId('create-result').getByText('Error from server (AlreadyExists): deployments.apps "web" already exists').waitFor();
    await page.locator('.modal').click({ position: { x: 5, y: 5 } });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=pod-card][data-status=Running]').length === 6, undefined, { timeout: 45_000 });
    // The Deployment's status follows its pods (kubelet → ReplicaSet controller → Deployment
    // controller), so READY reaches 6/6 a moment after the sixth pod card turns Running.
    await page.getByTestId('workload').filter({ hasText: 'web' }).filter({ hasText: '6/6' }).waitFor({ timeout: 20_000 });
    onNode2 = (await podsOn('node-2')).map(([name]) => name!);
    expect(onNode2.length).toBeGreaterThan(0);
    // The init container ran first and the sandbox has the pod's IP.
    expect(await cards('[data-status=Running]').first().locator('[data-role=init]').textContent()).toContain('Completed');
    expect(await cards('[data-status=Running]').first().locator('.ip').textContent()).toMatch(/^10\.244\.\d+\.\d+$/);
    beforeKill = Number(await page.getByTestId('scrubber').getAttribute('max'));
    await shot('1-running');
  });

  it("a pod's exec tab is a shell: echo hi prints hi, exit ends it", async () => {
    const pod = (await podsOn('node-1')).find(([, status]) => status === 'Running')![0]!;
    await column('node-1').locator(`[data-testid=pod-card][data-pod="${pod}"]`).click();
    await page.getByTestId('tab-exec').click();
    const term = page.getByTestId('exec-terminal');
    // nginx:1.25 is Debian: its sh is dash, whose prompt is '# '.
    await page.waitForFunction(() => document.querySelector('[data-testid=exec-terminal]')?.textContent?.startsWith('# '), undefined, { timeout: 15_000 });
    await term.click();
    await page.keyboard.type('echo hi');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /^# echo hi\nhi\n# /.test(document.querySelector('[data-testid=exec-terminal]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    await page.keyboard.type('exit 5');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=exec-terminal][data-ended=true]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('exec-status').textContent()).toBe('sh exited with 5');
    await shot('2b-shell');
    await page.locator('[data-testid=pod-story] header button', { hasText: '✕' }).click();
  });

  it('kill on node-2: NotReady, its pods Unknown, replacements Running elsewhere', async () => {
    await column('node-2').getByTestId('node-actions').click();
    await column('node-2').getByTestId('node-action-kill').click();
    await page.getByTestId('toast').filter({ hasText: 'node-2' }).first().waitFor();
    // Lease grace 50 s + monitor period 5 s, × 0.1.
    await column('node-2').and(page.locator('[data-status=NotReady]')).waitFor({ timeout: 20_000 });
    await page.waitForFunction(
      (names) => names.every((n) => document.querySelector(`[data-testid=pod-card][data-pod="${n}"]`)?.getAttribute('data-status') === 'Unknown'),
      onNode2,
      { timeout: 20_000 },
    );
    await shot('2-node-2-lost');
    // The not-ready/unreachable toleration (300 s × 0.1) runs out: the pods are evicted and replaced.
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid=pod-card][data-status=Running]')].filter((e) => e.getAttribute('data-node') !== 'node-2').length === 6,
      undefined,
      { timeout: 60_000 },
    );
    expect((await podsOn('node-2')).every(([, s]) => s !== 'Running')).toBe(true);
    await shot('3-replaced');
  });

  it('the scrubber moved back shows node-2 and its pods as they were: Ready, Running', async () => {
    await page.getByTestId('scrubber').fill(String(beforeKill));
    await column('node-2').and(page.locator('[data-status=Ready]')).waitFor({ timeout: 10_000 });
    await page.waitForFunction(
      (names) => names.every((n) => document.querySelector(`[data-testid=node-column][data-node=node-2] [data-testid=pod-card][data-pod="${n}"]`)?.getAttribute('data-status') === 'Running'),
      onNode2,
      { timeout: 10_000 },
    );
    expect(await page.getByTestId('scrubber-point').textContent()).toContain(String(beforeKill));
    await shot('4-scrubbed-back');
  });

  it("a pod's story lists its transitions with time, node and cause", async () => {
    await column('node-2').locator(`[data-testid=pod-card][data-pod="${onNode2[0]}"]`).click();
    const rows = page.getByTestId('story-row');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=story-row]')].some((r) => r.textContent?.includes('Unknown')), undefined, { timeout: 10_000 });
    const table = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const statuses = table.map((r) => r[2]);
    expect(statuses[0]).toBe('Pending');
    expect(statuses).toContain('Running');
    expect(statuses).toContain('Unknown');
    expect(statuses.indexOf('Running')).toBeLessThan(statuses.indexOf('Unknown'));
    for (const r of table) expect(r[4].length).toBeGreaterThan(0);
    expect(table.find((r) => r[2] === 'Unknown')![4]).toMatch(/node-2/);
    expect(table.find((r) => r[2] === 'Running')![3]).toBe('node-2');
    // Next transition after the point shown: the pod's change that comes after it (Unknown).
    await page.getByTestId('next-transition').click();
    await page.waitForFunction(
      (n) => document.querySelector(`[data-testid=pod-card][data-pod="${n}"]`)?.getAttribute('data-status') !== 'Running',
      onNode2[0],
      { timeout: 10_000 },
    );
    await shot('5-story');
  });

  it('a node followed: "next" jumps to its next transition — the kill, then NotReady', async () => {
    await page.getByTestId('live').click();
    await column('node-2').getByTestId('node-follow').click();
    await page.locator('[data-testid=node-column][data-node=node-2].followed').waitFor();
    expect(await page.getByTestId('pod-story').count()).toBe(0);
    await page.getByTestId('scrubber').fill(String(beforeKill));
    await column('node-2').and(page.locator('[data-status=Ready]')).waitFor({ timeout: 10_000 });
    const next = page.getByTestId('next-transition');
    await page.waitForFunction(() => !(document.querySelector('[data-testid=next-transition]') as HTMLButtonElement).disabled, undefined, { timeout: 10_000 });
    expect(await next.getAttribute('title')).toContain('node-2');
    const seqShown = async () => Number((await page.getByTestId('scrubber-point').textContent())!.match(/\d+/)![0]);
    // First the kill itself (`kubesim node kill`, the node still Ready: its lease has not run out), …
    await next.click();
    await page.waitForFunction((s) => Number(document.querySelector('[data-testid=scrubber-point]')!.textContent!.match(/\d+/)![0]) > s, beforeKill, { timeout: 10_000 });
    const atKill = await seqShown();
    expect(await column('node-2').getAttribute('data-status')).toBe('Ready');
    // … then the node-lifecycle controller marking it NotReady once the lease grace is over.
    await next.click();
    await page.waitForFunction((s) => Number(document.querySelector('[data-testid=scrubber-point]')!.textContent!.match(/\d+/)![0]) > s, atKill, { timeout: 10_000 });
    await column('node-2').and(page.locator('[data-status=NotReady]')).waitFor({ timeout: 10_000 });
    await shot('5b-node-followed');
    await column('node-2').getByTestId('node-follow').click();
  });

  it('what-if runs kubesim replay --resimulate and streams what it says (here: the log it was given is not a log)', async () => {
    const lines = await page.evaluate(async () => {
      const res = await fetch('api/whatif', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ log: 'not json\n' }) });
      return (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { progress?: string; exit?: number });
    });
    expect(lines.map((l) => l.progress ?? '').join('')).toContain('line 1: not valid JSON');
    expect(lines.at(-1)).toEqual({ exit: 1 });
  });

  it('switches to Chinese and back to live; STATUS strings stay Kubernetes’', async () => {
    await page.getByTestId('live').click();
    await page.getByTestId('lang-zh').click();
    await page.getByText('未调度').waitFor();
    await column('node-2').and(page.locator('[data-status=NotReady]')).waitFor({ timeout: 10_000 });
    expect(await column('node-2').getByTestId('node-status').textContent()).toBe('NotReady');
    await shot('6-zh');
    await page.getByTestId('lang-en').click();
    await page.getByText('Unscheduled').waitFor();
  });

  it('what-if on this cluster’s own log with 2 nodes: progress while it runs, then the report beside it, pods that ended differently highlighted', async () => {
    await page.getByTestId('open-whatif').click();
    await page.getByTestId('whatif-nodes').fill('2');
    await page.getByTestId('whatif-run').click();
    await page.getByTestId('whatif-progress').getByText(/Resimulating \d+ user actions? of .* on a fresh cluster: 2 nodes \(the log had 3\)/).waitFor({ timeout: 30_000 });
    await page.getByTestId('whatif-progress').getByText('node kill node-2').waitFor({ timeout: 120_000 });
    await page.getByTestId('whatif-report').getByText(/^Summary: /).waitFor({ timeout: 180_000 });
    const lines = await page.getByTestId('whatif-report').locator('div').evaluateAll((ds) => ds.map((d) => [d.className, d.textContent ?? '']));
    const header = lines.findIndex(([, text]) => text.startsWith('NAMESPACE'));
    const summary = lines.findIndex(([, text]) => text.startsWith('Summary: '));
    const differing = Number(lines[summary][1].match(/^Summary: (\d+) pods? of/)?.[1] ?? 0);
    // Each pod row under the header, down to the blank line that ends the table, is one that ended
    // differently, and is drawn so (a table of evictions per workload may follow).
    if (header >= 0) {
      const end = lines.findIndex(([, text], i) => i > header && text.trim() === '');
      const rows = lines.slice(header + 1, end);
      expect(rows.length).toBe(differing);
      for (const [cls] of rows) expect(cls).toBe('differs');
      expect(lines[header][0]).toBe('report-head');
    } else {
      expect(differing).toBe(0);
    }
    await shot('7-whatif');
    await page.getByTestId('whatif-run').and(page.locator(':not([disabled])')).waitFor({ timeout: 30_000 });
  }, 240_000);
});
