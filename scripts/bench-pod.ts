/**
 * Benchmark: time from POST to Running for single pods (time scale 1, image preloaded so there is
 * no pull delay), pods/s for a burst, and the RSS of every process of a 3-node `kubesim up`.
 * Usage: npm run bench:pod [-- --pods 50]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const PODS = arg('pods', 30);
const BURST = arg('burst', 100);
const IMAGE = 'busybox:1.36';

const freePort = () =>
  new Promise<number>((r) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => r(p));
    });
  });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubesim-bench-'));
  const port = await freePort();
  const natsPort = await freePort();
  const server = `http://127.0.0.1:${port}`;
  const up = spawn(process.execPath, [join(ROOT, 'bin/kubesim'), 'up', '--nodes', '3', '--port', String(port), '--nats-port', String(natsPort), '--data-dir', dataDir], {
    env: { ...process.env, KUBESIM_PRELOADED_IMAGES: `registry.k8s.io/pause:3.10,${IMAGE}`, KUBESIM_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const started = Date.now();
  await new Promise<void>((r, j) => {
    up.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('kubesim is ready')) r();
    });
    up.once('exit', (c) => j(new Error(`kubesim up exited ${c}`)));
  });
  const readyMs = Date.now() - started;

  // Watch every pod: record when each first reports phase Running.
  const runningAt = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  const ctl = new AbortController();
  const watch = await fetch(`${server}/api/v1/namespaces/default/pods?watch=1`, { signal: ctl.signal });
  void (async () => {
    const dec = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of watch.body as any as AsyncIterable<Uint8Array>) {
        buf += dec.decode(chunk, { stream: true });
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const ev = JSON.parse(buf.slice(0, i));
          buf = buf.slice(i + 1);
          const name = ev.object?.metadata?.name;
          if (ev.object?.status?.phase === 'Running' && !runningAt.has(name)) {
            runningAt.set(name, performance.now());
            waiters.get(name)?.();
          }
        }
      }
    } catch {
      /* aborted */
    }
  })();
  const body = (name: string) =>
    JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: IMAGE, command: ['sleep', '3600'] }] } });
  const create = async (name: string) => {
    const res = await fetch(`${server}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(name) });
    if (res.status !== 201) throw new Error(`POST ${name}: ${res.status} ${await res.text()}`);
  };
  const untilRunning = (name: string) => new Promise<void>((r) => (runningAt.has(name) ? r() : waiters.set(name, r)));

  // 1. One pod at a time: POST → Running latency.
  const latencies: number[] = [];
  for (let i = 0; i < PODS; i++) {
    const name = `lat-${i}`;
    const t0 = performance.now();
    await create(name);
    await untilRunning(name);
    latencies.push(runningAt.get(name)! - t0);
  }

  // 2. A burst: create BURST pods concurrently, time until all Running.
  const t0 = performance.now();
  await Promise.all(Array.from({ length: BURST }, (_, i) => create(`burst-${i}`)));
  await Promise.all(Array.from({ length: BURST }, (_, i) => untilRunning(`burst-${i}`)));
  const burstMs = performance.now() - t0;

  const cluster = JSON.parse(readFileSync(join(dataDir, 'cluster.json'), 'utf8')) as { pids: Record<string, number> };
  const rss = Object.entries(cluster.pids).map(([name, pid]) => [name, rssMiB(pid)] as const);
  rss.push(['kubesim up (supervisor)', rssMiB(up.pid!)]);

  const f = (n: number) => n.toFixed(1);
  console.log(`kubesim bench: 3 nodes, time scale 1, image ${IMAGE} preloaded (no pull delay)`);
  console.log(`  kubesim up → all nodes Ready: ${readyMs} ms`);
  console.log(`  POST → Running, one pod at a time (n=${PODS}): p50 ${f(pct(latencies, 50))} ms, p95 ${f(pct(latencies, 95))} ms, max ${f(Math.max(...latencies))} ms`);
  console.log(`  burst of ${BURST} pods: all Running in ${f(burstMs)} ms (${f((BURST / burstMs) * 1000)} pods/s)`);
  console.log(`  RSS after ${PODS + BURST} pods:`);
  for (const [name, mib] of rss) console.log(`    ${name.padEnd(26)} ${f(mib)} MiB`);
  console.log(`    ${'total'.padEnd(26)} ${f(rss.reduce((a, [, m]) => a + m, 0))} MiB`);

  ctl.abort();
  const exited = new Promise((r) => up.once('exit', r));
  up.kill('SIGINT');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
