/// <reference lib="dom" />
/**
 * Benchmark of the dashboard, in Debian's chromium (playwright-core):
 *   1. latency: a 3-node `kubesim up` (time scale 1) and the dashboard open in the browser; N times
 *      a node's label is changed through the REST API, and the time from the record's JetStream
 *      timestamp to the browser drawing that record (the page's `?bench` hook) is taken;
 *   2. scrubber: a 100,000-record log (bench-replay's workload after 10 nodes registered) in a bare
 *      nats-server, the dashboard alone over it; the time to the cluster at random points — the
 *      server's answer (checkpoint + records + view), and in the browser from moving the scrubber
 *      to the page showing that record.
 * Usage: npm run build && npm run bench:dashboard [-- --changes 200 --warmup 10 --records 100000 --points 100 --verbose]
 *   (--no-latency, --no-scrubber: one part only)
 */
import { SCHEMA_VERSION, subjectOf } from '@kubesim/core';
import { connectNats, EventLog, type StoredRecord } from '@kubesim/eventlog';
import { aNodeForBench } from './bench-dashboard-node';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { arg, freePort, ROOT, startKubesim } from './bench-support';
import { startNats, workload } from './bench-workload';

const CHANGES = arg('changes', 200);
/** Changes made and not counted first: the dashboard and page settle after start-up. */
const WARMUP = arg('warmup', 10);
const RECORDS = arg('records', 100_000);
const POINTS = arg('points', 100);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const line = (what: string, xs: number[]) =>
  console.log(`  ${what.padEnd(46)} p50 ${pct(xs, 50).toFixed(1)} ms   p90 ${pct(xs, 90).toFixed(1)} ms   p99 ${pct(xs, 99).toFixed(1)} ms   max ${Math.max(...xs).toFixed(1)} ms   (n=${xs.length}, ${xs.filter((x) => x > 1000).length} over 1 s)`);

async function browser() {
  const profile = mkdtempSync(join(tmpdir(), 'kubesim-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.KUBESIM_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1440, height: 900 } });
  const page = context.pages()[0] ?? (await context.newPage());
  return { page, close: async () => (await context.close(), rmSync(profile, { recursive: true, force: true })) };
}

async function latency() {
  const dashboardPort = await freePort();
  const cluster = await startKubesim(['--nodes', '3', '--dashboard-port', String(dashboardPort)]);
  const { natsUrl } = JSON.parse(readFileSync(join(cluster.dataDir, 'cluster.json'), 'utf8')) as { natsUrl: string };
  // The operator's key of that cluster's broker (kubesim up makes it).
  const nc = await connectNats(natsUrl, 'bench', { once: true, credentials: join(cluster.dataDir, 'nats-auth', 'admin.json') });
  const jsm = await nc.jetstreamManager();
  const b = await browser();
  try {
    await b.page.goto(`http://127.0.0.1:${dashboardPort}/?bench`);
    await b.page.waitForSelector('[data-testid=node-column][data-status=Ready]');
    const ms: number[] = [];
    for (let i = -WARMUP; i < CHANGES; i++) {
      const res = await fetch(`${cluster.server}/api/v1/nodes/node-${((i + WARMUP) % 3) + 1}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ metadata: { labels: { bench: String(i + WARMUP) } } }),
      });
      if (!res.ok) throw new Error(`PATCH: ${res.status} ${await res.text()}`);
      const seq = Number(((await res.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
      const stored = (await jsm.streams.getMessage('KUBESIM', { seq })).time.getTime();
      const drawn = await b.page.waitForFunction((s) => window.__ksRendered?.find(([x]) => x >= s)?.[1], seq, { polling: 'raf' });
      if (i >= 0) ms.push(Number(await drawn.jsonValue()) - stored);
    }
    console.log(`Live view: ${CHANGES} changes (a node label each, after ${WARMUP} not counted), from the record in JetStream to the browser drawing it:`);
    line('log → browser', ms);
    if (process.argv.includes('--verbose')) console.log(`  in order: ${ms.map((x) => x.toFixed(0)).join(' ')}`);
  } finally {
    await b.close();
    await nc.close();
    await cluster.stop();
  }
}

function startDashboard(natsUrl: string, port: number): Promise<ChildProcess> {
  const p = spawn(process.execPath, [join(ROOT, 'dist/apps/dashboard/src/main.js')], { env: { ...process.env, KUBESIM_NATS_URL: natsUrl, KUBESIM_DASHBOARD_PORT: String(port), KUBESIM_LOG_LEVEL: 'log' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((res, rej) => {
    let out = '';
    p.stdout!.on('data', (d) => {
      out += d;
      const m = /history: (\d+) records read in (\d+) ms/.exec(out);
      if (m) {
        console.log(`  the dashboard read the ${m[1]}-record log into its history (checkpoints every 1,000) in ${m[2]} ms`);
        res(p);
      }
    });
    p.once('exit', (c) => rej(new Error(`dashboard exited ${c}: ${out}`)));
  });
}

/** 10 nodes, then bench-replay's workload, renumbered after them. */
function* scrubLog(total: number): Generator<StoredRecord> {
  const at = '2026-01-01T00:00:00Z';
  for (let i = 0; i < 10; i++) {
    const node = aNodeForBench(`node-${i}`, at);
    yield { seq: i + 1, time: Date.parse(at), subject: subjectOf('ks', { kind: 'Node', namespace: '', name: node.metadata.name }), record: { v: SCHEMA_VERSION, events: [{ type: 'NodeRegistered', node, at, by: 'bench' }] } };
  }
  for (const r of workload(total - 10)) yield { ...r, seq: r.seq + 10 };
}

async function scrubber() {
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-bench-dashboard-'));
  const natsPort = await freePort();
  const nats = await startNats(natsPort, dir);
  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  let dashboard: ChildProcess | undefined;
  const b = await browser();
  try {
    const nc = await connectNats(natsUrl, 'bench', { once: true });
    await (await EventLog.open(nc)).restore(scrubLog(RECORDS), 1024);
    await nc.close();
    console.log(`Scrubber: a ${RECORDS}-record log (10 nodes, ${Math.ceil(RECORDS / 10)} pods created over its length, 1,000 alive at the end):`);
    const port = await freePort();
    dashboard = await startDashboard(natsUrl, port);
    const base = `http://127.0.0.1:${port}`;
    const points = Array.from({ length: POINTS }, () => 1 + Math.floor(Math.random() * RECORDS));
    const server: number[] = [];
    for (const seq of points) {
      const t0 = performance.now();
      const v = (await (await fetch(`${base}/api/history/at?seq=${seq}`)).json()) as { seq: number };
      server.push(performance.now() - t0);
      if (v.seq !== seq) throw new Error(`asked for ${seq}, got ${v.seq}`);
    }
    line('HTTP /api/history/at (state + view + JSON)', server);
    await b.page.goto(base);
    await b.page.waitForSelector('[data-testid=scrubber]:not([disabled])');
    const browserMs: number[] = [];
    for (const seq of points) {
      const t0 = await b.page.evaluate(() => performance.now());
      await b.page.locator('[data-testid=scrubber]').fill(String(seq));
      const t1 = await b.page.waitForFunction((s) => document.querySelector('[data-testid=scrubber-point]')?.textContent?.includes(`${s}/`) && performance.now(), seq, { polling: 'raf' });
      browserMs.push(Number(await t1.jsonValue()) - t0);
    }
    line('browser: scrubber moved → that point drawn', browserMs);
    // Most points of this log hold few pods (each lives 10 records) and thousands of Events; its
    // end holds 1,000 pods on 10 nodes: the heaviest page. Alternate between it and its start.
    const heavy: number[] = [];
    let pods = 0;
    for (let i = 0; i < 20; i++) {
      const seq = i % 2 === 0 ? RECORDS : 11;
      const t0 = await b.page.evaluate(() => performance.now());
      await b.page.locator('[data-testid=scrubber]').fill(String(seq));
      const t1 = await b.page.waitForFunction((s) => document.querySelector('[data-testid=scrubber-point]')?.textContent?.includes(`${s}/`) && performance.now(), seq, { polling: 'raf' });
      if (seq === RECORDS) heavy.push(Number(await t1.jsonValue()) - t0);
      if (i === 0) pods = await b.page.locator('[data-testid=pod-card]').count();
    }
    line(`browser: to the end of the log (${pods} pod cards)`, heavy);
  } finally {
    await b.close();
    dashboard?.kill('SIGTERM');
    nats.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

declare global {
  interface Window {
    __ksRendered?: [number, number][];
  }
}

async function main() {
  if (!process.argv.includes('--no-latency')) await latency();
  if (!process.argv.includes('--no-scrubber')) await scrubber();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
