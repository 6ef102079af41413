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
import { defaultPod, type KubeEvent, type Pod } from '@kubesim/api';
import { EVENT_TTL_SECONDS, SCHEMA_VERSION, subjectOf, type ClusterEvent, type ObjectKey } from '@kubesim/core';
import { connectNats, EventLog, Projection, snapshotName, SnapshotStore, type StoredRecord } from '@kubesim/eventlog';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, arg, freePort } from './bench-support';

const N = arg('records', 100_000);
const ROUNDS = arg('rounds', 3);
/** Pods still there at the end (the rest are deleted): the state a restart restores. */
const LIVE_PODS = 1000;


function startNats(port: number, dir: string): Promise<ChildProcess> {
  const p = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((res, rej) => {
    let out = '';
    p.stderr!.on('data', (d) => {
      out += d;
      if (out.includes('Server is ready')) res(p);
    });
    p.once('exit', (c) => rej(new Error(`nats-server exited ${c}: ${out}`)));
  });
}

/** Kubernetes time between two records of the workload: a million records span about 14 hours. */
const RECORD_MS = 50;

/**
 * Ten records per pod — created, bound, four status reports, two Events, a phase change, deleted —
 * and, as on a cluster whose apiserver expires Events an hour after they were last seen
 * (`--event-ttl`), an `EventExpired` record for each Event once it is an hour old.
 */
function* workload(total: number): Generator<StoredRecord> {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  let seq = 0;
  const now = () => t0 + seq * RECORD_MS;
  const emit = (key: ObjectKey, events: ClusterEvent[]): StoredRecord => ({ seq: ++seq, time: now(), subject: subjectOf('ks', key), record: { v: SCHEMA_VERSION, events } });
  const pods = Math.ceil(total / 10);
  const alive: { name: string; at: number }[] = [];
  for (let i = 0; seq < total; i++) {
    const at = new Date(now()).toISOString();
    const by = 'bench';
    const name = `p-${i}`;
    const key: ObjectKey = { kind: 'Pod', namespace: 'default', name };
    const pod: Pod = defaultPod({ metadata: { name, labels: { app: 'bench' } }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } }, 'default', { uid: `uid-${i}`, now: at, suffix: 'xxxxx' });
    const node = `node-${i % 10}`;
    const status = (phase: Pod['status']['phase'], state: object) => ({ ...pod.status, phase, containerStatuses: [{ name: 'c', image: 'busybox', imageID: '', ready: phase === 'Running', restartCount: 0, started: phase === 'Running', state }] }) as Pod['status'];
    const kubeEvent = (reason: string): KubeEvent => {
      alive.push({ name: `${name}.${reason}`, at: now() });
      return {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${name}.${reason}`, namespace: 'default', uid: `ev-${i}-${reason}`, resourceVersion: '', creationTimestamp: at },
        involvedObject: { kind: 'Pod', namespace: 'default', name, uid: pod.metadata.uid, apiVersion: 'v1' },
        reason,
        message: `${reason} ${name}`,
        type: 'Normal',
        source: { component: 'kubelet', host: node },
        firstTimestamp: at,
        lastTimestamp: at,
        count: 1,
        reportingComponent: 'kubelet',
        reportingInstance: node,
        eventTime: null,
      };
    };
    const steps: (() => [ObjectKey, ClusterEvent[]])[] = [
      () => [key, [{ type: 'PodCreated', pod, at, by }, { type: 'PodPhaseChanged', namespace: 'default', name, from: null, to: 'Pending', reason: 'Created', at, by }]],
      () => [key, [{ type: 'PodBound', namespace: 'default', name, node, at, by }]],
      () => [key, [{ type: 'PodStatusReported', namespace: 'default', name, status: status('Pending', { waiting: { reason: 'ContainerCreating' } }), at, by }]],
      () => [{ kind: 'Event', namespace: 'default', name: `${name}.Pulled` }, [{ type: 'EventRecorded', event: kubeEvent('Pulled'), at, by }]],
      () => [key, [{ type: 'PodStatusReported', namespace: 'default', name, status: status('Pending', { waiting: { reason: 'ContainerCreating' } }), at, by }]],
      () => [{ kind: 'Event', namespace: 'default', name: `${name}.Started` }, [{ type: 'EventRecorded', event: kubeEvent('Started'), at, by }]],
      () => [key, [{ type: 'PodStatusReported', namespace: 'default', name, status: status('Running', { running: { startedAt: at } }), at, by }]],
      () => [key, [{ type: 'PodPhaseChanged', namespace: 'default', name, from: 'Pending', to: 'Running', reason: 'Started', at, by }]],
      () => [key, [{ type: 'PodStatusReported', namespace: 'default', name, status: status('Running', { running: { startedAt: at } }), at, by }]],
      () => [key, i >= pods - LIVE_PODS ? [{ type: 'PodConditionSet', namespace: 'default', name, condition: { type: 'Ready', status: 'True', lastTransitionTime: at, lastProbeTime: null } as never, at, by }] : [{ type: 'PodDeleted', namespace: 'default', name, phase: 'Running', at, by }]],
    ];
    for (const step of steps) {
      while (alive.length && alive[0].at + EVENT_TTL_SECONDS * 1000 <= now()) {
        if (seq >= total) return;
        const e = alive.shift()!;
        yield emit({ kind: 'Event', namespace: 'default', name: e.name }, [{ type: 'EventExpired', namespace: 'default', name: e.name, at: new Date(now()).toISOString(), by: 'apiserver', cause: `event TTL of ${EVENT_TTL_SECONDS}s ran out` }]);
      }
      if (seq >= total) return;
      const [k, events] = step();
      yield emit(k, events);
    }
  }
}

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
