/**
 * Benchmark: the apiserver's create path against raw JetStream publishes to the same nats-server,
 * in the same run. A 1-node `kubesim up`; N pods POSTed over HTTP with C requests in flight, for
 * a scheduler no one runs (`schedulerName: bench-none`), so nothing but the write happens; then
 * N records of the same size published to a scratch stream on the same server, pipelined with C
 * in flight, and again with every publish in flight at once (`js.publish` without waiting).
 * Usage: npm run build && node dist/scripts/bench-write-path.js [--creates 2000] [--concurrency 64]
 */
import { connect, type JetStreamClient } from 'nats';
import { natsAuthOptions } from '@kubesim/eventlog';
import { join } from 'node:path';
import { arg, pool, startKubesim } from './bench-support';

export interface WritePathResult {
  readonly creates: number;
  readonly concurrency: number;
  readonly createsPerSecond: number;
  readonly rawPerSecond: number;
  readonly rawAllInFlightPerSecond: number;
}

const podBody = (name: string) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'bench' } },
    spec: { schedulerName: 'bench-none', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
  });

async function rawPublishes(js: JetStreamClient, subject: string, payload: Uint8Array, n: number, concurrency: number): Promise<number> {
  const t0 = performance.now();
  await pool(Array.from({ length: n }, (_, i) => i), concurrency, async () => void (await js.publish(subject, payload)));
  return (n / (performance.now() - t0)) * 1000;
}

export async function runWritePathBench(creates: number, concurrency: number): Promise<WritePathResult> {
  const cluster = await startKubesim(['--nodes', '1']);
  try {
    const post = async (i: number) => {
      const res = await fetch(`${cluster.server}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: podBody(`w-${i}`) });
      if (res.status !== 201) throw new Error(`POST w-${i}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    await pool(Array.from({ length: 50 }, (_, i) => i + creates), concurrency, post); // warm-up
    const t0 = performance.now();
    await pool(Array.from({ length: creates }, (_, i) => i), concurrency, post);
    const createsPerSecond = (creates / (performance.now() - t0)) * 1000;

    // The same record size as a created pod's event in the log.
    const created = (await (await fetch(`${cluster.server}/api/v1/namespaces/default/pods/w-0`)).text()).length;
    // The operator's broker key: the raw publishes go to a stream of their own.
    const nc = await connect({ servers: cluster.natsUrl, ...natsAuthOptions(join(cluster.dataDir, 'nats-auth', 'admin.json')) });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: 'BENCH_RAW', subjects: ['bench.raw.>'] });
    const js = nc.jetstream();
    const payload = new TextEncoder().encode('x'.repeat(created + 200));
    await rawPublishes(js, 'bench.raw.warm', payload, 50, concurrency);
    const rawPerSecond = await rawPublishes(js, 'bench.raw.a', payload, creates, concurrency);
    const t1 = performance.now();
    await Promise.all(Array.from({ length: creates }, () => js.publish('bench.raw.b', payload)));
    const rawAllInFlightPerSecond = (creates / (performance.now() - t1)) * 1000;
    await jsm.streams.delete('BENCH_RAW');
    await nc.close();
    return { creates, concurrency, createsPerSecond, rawPerSecond, rawAllInFlightPerSecond };
  } finally {
    await cluster.stop();
  }
}

export function describeWritePath(r: WritePathResult): string[] {
  const f = (n: number) => n.toFixed(0);
  return [
    `apiserver creates (HTTP POST, ${r.concurrency} in flight): ${f(r.createsPerSecond)}/s`,
    `raw JetStream publishes, same size, ${r.concurrency} in flight: ${f(r.rawPerSecond)}/s (creates: ${((r.createsPerSecond / r.rawPerSecond) * 100).toFixed(0)} % of it)`,
    `raw JetStream publishes, all ${r.creates} in flight: ${f(r.rawAllInFlightPerSecond)}/s (creates: ${((r.createsPerSecond / r.rawAllInFlightPerSecond) * 100).toFixed(0)} % of it)`,
  ];
}

if (require.main === module) {
  runWritePathBench(arg('creates', 2000), arg('concurrency', 64))
    .then((r) => {
      console.log('kubesim bench: the write path');
      for (const line of describeWritePath(r)) console.log(`  ${line}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
