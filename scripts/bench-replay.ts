/**
 * Benchmark of the event log: appends N records (a realistic mix: pods created, bound, reported,
 * their Events, deleted, the Events expired after an hour) to a fresh nats-server, then measures,
 * in the same run:
 *   1. raw JetStream ordered-consumer reads (no parsing),
 *   2. kubesim's replay into the projection (parse + schema check + evolve + store),
 *   3. apiserver start-up: with no snapshot (full replay), then with the snapshot it wrote at a
 *      graceful stop (restore + tail) — process start to /healthz. Their event TTL sweep is off,
 *      so both start from exactly the log's state.
 * Usage: npm run build && npm run bench:replay [-- --records 100000] [--rounds 3] [--store DIR]
 *   --store DIR keeps nats-server's store there: a second run with the same DIR and --records
 *   skips the append and measures the reads again.
 */
import { connectNats, EventLog, Projection, snapshotName, SnapshotStore } from '@kubesim/eventlog';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, arg, freePort } from './bench-support';
import { startNats, workload } from './bench-workload';

const N = arg('records', 100_000);
const ROUNDS = arg('rounds', 3);


async function rawRead(log: EventLog, total: number): Promise<number> {
  const js = log.nc.jetstream();
  const t0 = performance.now();
  const consumer = await js.consumers.get(log.stream, { opt_start_seq: 1 });
  const messages = await consumer.consume({ max_messages: 1024 });
  for await (const m of messages) {
    if (m.seq >= total) break;
  }
  messages.stop();
  return performance.now() - t0;
}

async function projectionReplay(log: EventLog): Promise<{ ms: number; objects: number }> {
  const t0 = performance.now();
  const p = new Projection(log);
  await p.start();
  const ms = performance.now() - t0;
  await p.stop();
  return { ms, objects: p.store.objects.size };
}

async function apiserverStart(natsUrl: string, port: number): Promise<{ ms: number; child: ChildProcess; log: string }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/apiserver/src/main.js')], {
    env: { ...process.env, KUBESIM_NATS_URL: natsUrl, KUBESIM_API_PORT: String(port), KUBESIM_LOG_LEVEL: 'log', KUBESIM_SNAPSHOT_INTERVAL_SECONDS: '3600', KUBESIM_SNAPSHOT_EVERY: String(10 * N), KUBESIM_EVENT_TTL_SECONDS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`apiserver exited: ${log}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { ms: performance.now() - t0, child, log };
    await new Promise((r) => setTimeout(r, 10));
  }
}

const stop = (c: ChildProcess) => new Promise<void>((r) => (c.once('exit', () => r()), c.kill('SIGTERM')));

async function main() {
  const storeArg = process.argv.indexOf('--store');
  const kept = storeArg > 0 ? resolve(process.argv[storeArg + 1]) : undefined;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'kubesim-bench-replay-'));
  const natsPort = await freePort();
  const nats = await startNats(natsPort, dir);
  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  const nc = await connectNats(natsUrl, 'bench', { once: true });
  try {
    const log = await EventLog.open(nc);
    let events = 0;
    const counted = (function* () {
      for (const r of workload(N)) {
        events += r.record.events.length;
        yield r;
      }
    })();
    const t = performance.now();
    const reused = (await log.lastSeq()) >= N;
    if (reused) for (const _r of counted); // counts the events only
    else await log.restore(counted, 1024);
    const appendMs = performance.now() - t;

    // Alternated, best of ROUNDS each: the two reads see the same machine, and a busy moment does not decide.
    let raw = Infinity;
    let replay = { ms: Infinity, objects: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      raw = Math.min(raw, await rawRead(log, N));
      const r = await projectionReplay(log);
      if (r.ms < replay.ms) replay = r;
    }

    // A cold start: no snapshot (one from an earlier run with --store goes).
    await (await SnapshotStore.open(nc)).delete(snapshotName(log.stream));
    const apiPort = await freePort();
    const cold = await apiserverStart(natsUrl, apiPort);
    await stop(cold.child); // a graceful stop writes the snapshot
    const warm = await apiserverStart(natsUrl, apiPort);
    const restored = /projection at \d+ in \d+ ms: snapshot at \d+ \+ \d+ records/.exec(warm.log)?.[0] ?? '(no snapshot used!)';
    await stop(warm.child);
    if (process.env.BENCH_DEBUG) console.log(cold.log, warm.log);

    const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
    console.log(`kubesim bench:replay — ${N.toLocaleString('en-US')} records (${events.toLocaleString('en-US')} events), ${replay.objects.toLocaleString('en-US')} objects at the end`);
    if (reused) console.log(`  append: skipped, the records are in ${dir} from an earlier run`);
    else console.log(`  append (pipelined publishes):            ${(appendMs / 1000).toFixed(2)} s   ${rate(N, appendMs)} records`);
    console.log(`  reads: best of ${ROUNDS} rounds each`);
    console.log(`  raw JetStream ordered-consumer read:     ${(raw / 1000).toFixed(2)} s   ${rate(N, raw)} records`);
    console.log(`  kubesim replay into the projection:      ${(replay.ms / 1000).toFixed(2)} s   ${rate(N, replay.ms)} records, ${rate(events, replay.ms)} events (${((raw / replay.ms) * 100).toFixed(0)}% of the raw rate)`);
    console.log(`  apiserver start, no snapshot (replay):   ${(cold.ms / 1000).toFixed(2)} s   (process start → /healthz)`);
    console.log(`  apiserver start with a snapshot:         ${(warm.ms / 1000).toFixed(2)} s   ${restored}`);
  } finally {
    await nc.close();
    await stop(nats);
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
