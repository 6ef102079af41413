/**
 * Benchmark: time from POST to Running for single pods (time scale 1, image preloaded so there is
 * no pull delay), pods/s for a burst, and the RSS of every process of a 3-node `kubesim up`.
 * Usage: npm run bench:pod [-- --pods 50]
 */
import { arg, rssMiB, startKubesim } from './bench-support';

const PODS = arg('pods', 30);
const BURST = arg('burst', 100);
const IMAGE = 'busybox:1.36';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function main() {
  const cluster = await startKubesim(['--nodes', '3'], { KUBESIM_PRELOADED_IMAGES: `registry.k8s.io/pause:3.10,${IMAGE}` });
  const server = cluster.server;
  const readyMs = cluster.readyMs;

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

  const rss = Object.entries(cluster.pids()).map(([name, pid]) => [name, rssMiB(pid)] as const);
  rss.push(['kubesim up (supervisor)', rssMiB(cluster.process.pid!)]);

  const f = (n: number) => n.toFixed(1);
  console.log(`kubesim bench: 3 nodes, time scale 1, image ${IMAGE} preloaded (no pull delay)`);
  console.log(`  kubesim up → all nodes Ready: ${readyMs} ms`);
  console.log(`  POST → Running, one pod at a time (n=${PODS}): p50 ${f(pct(latencies, 50))} ms, p95 ${f(pct(latencies, 95))} ms, p99 ${f(pct(latencies, 99))} ms, max ${f(Math.max(...latencies))} ms`);
  console.log(`  burst of ${BURST} pods: all Running in ${f(burstMs)} ms (${f((BURST / burstMs) * 1000)} pods/s)`);
  console.log(`  RSS after ${PODS + BURST} pods:`);
  for (const [name, mib] of rss) console.log(`    ${name.padEnd(26)} ${f(mib)} MiB`);
  console.log(`    ${'total'.padEnd(26)} ${f(rss.reduce((a, [, m]) => a + m, 0))} MiB`);

  ctl.abort();
  await cluster.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
