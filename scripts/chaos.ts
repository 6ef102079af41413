/**
 * Chaos run (issue 15 §8), loopback only and bounded: a supervised `kubesim up` (every component
 * restarted on a crash, kubelets too), a write load of pod creates at a fixed rate plus a
 * Deployment, while random components — nats-server(s) included — are SIGKILLed (or SIGSTOPped
 * for a few seconds) one after the other, in rounds that hit each of them once in a random order. Then it waits for the cluster to converge and prints
 * sent / acked / refused / lost writes, pods created or bound twice, the longest gap between two
 * acknowledged writes, how long each component took to come back, and `kubesim replay --verify`.
 * Usage: npm run build && npm run chaos -- [--duration 60] [--rate 10] [--nats-replicas 1|3]
 *   [--every 4] [--nodes 3] [--seed 1] [--stop-share 0.25]
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Deployment, Pod } from '@kubesim/api';
import { connectNats, EventLog } from '@kubesim/eventlog';
import { arg, ROOT, startKubesim, type RunningCluster } from './bench-support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** mulberry32: a repeatable run for a seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const podBody = (name: string) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'chaos' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], resources: { requests: { cpu: '1m' } } }] } });

const deployment = JSON.stringify({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'chaos-web' },
  spec: { replicas: 3, selector: { matchLabels: { app: 'chaos-web' } }, template: { metadata: { labels: { app: 'chaos-web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '1m' } } }] } } },
});

/** A request without an answer: its cause's code (ECONNRESET, ECONNREFUSED …) or TimeoutError. */
const failureName = (e: unknown): string => (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;

interface Load {
  sent: number;
  /** Acknowledged creates not deleted since: each must be there at the end. */
  acked: Map<string, string>;
  ackedTotal: number;
  /** The load deletes its oldest pods to stay under the nodes' capacity (deletes are writes too). */
  deletes: Map<string, number>;
  statuses: Map<string, number>;
  lastAckAt: number;
  longestGapMs: number;
  longestGapEndedAt: number;
}

/**
 * `rate` creates a second, each on its own (at most 32 in flight), until `until`; past `maxLive`
 * pods, each acknowledged create deletes the oldest one, so the load fits the nodes however long it runs.
 */
async function writeLoad(server: string, rate: number, until: number, maxLive: number, load: Load): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const live: string[] = [];
  const del = async (name: string) => {
    const res = await fetch(`${server}/api/v1/namespaces/default/pods/${name}`, { method: 'DELETE', signal: AbortSignal.timeout(20_000) }).catch(failureName);
    const status = typeof res === 'string' ? res : String(res.status);
    load.deletes.set(status, (load.deletes.get(status) ?? 0) + 1);
    if (typeof res !== 'string') await res.arrayBuffer();
    // Refused or unknown: it may or may not be there at the end; either way it is not "lost".
    load.acked.delete(name);
  };
  for (let i = 0; Date.now() < until; i++) {
    const name = `chaos-${i}`;
    load.sent++;
    const p = (async () => {
      const res = await fetch(`${server}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: podBody(name), signal: AbortSignal.timeout(20_000) }).catch(failureName);
      const status = typeof res === 'string' ? res : String(res.status);
      load.statuses.set(status, (load.statuses.get(status) ?? 0) + 1);
      if (typeof res !== 'string' && res.status === 201) {
        load.acked.set(name, ((await res.json()) as Pod).metadata.uid);
        load.ackedTotal++;
        live.push(name);
        if (live.length > maxLive) {
          const oldest = live.shift()!;
          const d = del(oldest);
          inFlight.add(d);
          void d.finally(() => inFlight.delete(d));
        }
        const now = Date.now();
        if (now - load.lastAckAt > load.longestGapMs) {
          load.longestGapMs = now - load.lastAckAt;
          load.longestGapEndedAt = now;
        }
        load.lastAckAt = now;
      } else if (typeof res !== 'string') await res.arrayBuffer();
    })();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    while (inFlight.size >= 32) await Promise.race(inFlight);
    await sleep(1000 / rate);
  }
  await Promise.all(inFlight);
}

interface Fault {
  at: number;
  target: string;
  signal: 'SIGKILL' | 'SIGSTOP';
  /** ms until its new process was up (SIGKILL) or it was continued (SIGSTOP). */
  backMs?: number;
}

async function chaos(cluster: RunningCluster, targets: string[], until: number, everyMs: number, stopShare: number, rnd: () => number, faults: Fault[]): Promise<void> {
  await sleep(everyMs);
  // Rounds of every target in a random order: each component is hit before any is hit twice.
  let deck: string[] = [];
  while (Date.now() < until) {
    if (deck.length === 0) deck = [...targets].map((t) => [rnd(), t] as const).sort((a, b) => a[0] - b[0]).map(([, t]) => t);
    const target = deck.shift()!;
    const pid = cluster.pid(target);
    const signal = rnd() < stopShare ? 'SIGSTOP' : 'SIGKILL';
    const f: Fault = { at: Date.now(), target, signal };
    faults.push(f);
    process.stderr.write(`chaos: +${((f.at - faults[0].at) / 1000).toFixed(1)}s ${signal} ${target} (pid ${pid})\n`);
    if (pid && alive(pid)) process.kill(pid, signal);
    if (signal === 'SIGSTOP') {
      await sleep(1000 + rnd() * 3000);
      process.kill(pid, 'SIGCONT');
      f.backMs = Date.now() - f.at;
    } else {
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(50)) {
        const now = cluster.pid(target);
        if (now && now !== pid && alive(now)) {
          f.backMs = Date.now() - f.at;
          break;
        }
      }
    }
    await sleep(everyMs);
  }
}

async function get<T>(server: string, path: string): Promise<T> {
  const res = await fetch(`${server}${path}`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** Waits (at most `ms`) until every acknowledged pod is Running and the Deployment is available. */
async function converge(server: string, acked: Map<string, string>, ms: number): Promise<{ convergedMs?: number; pods: Pod[]; lost: string[] }> {
  const t0 = Date.now();
  let pods: Pod[] = [];
  let lost: string[] = [];
  while (Date.now() - t0 < ms) {
    try {
      pods = (await get<{ items: Pod[] }>(server, '/api/v1/namespaces/default/pods')).items;
      const byName = new Map(pods.map((p) => [p.metadata.name, p]));
      lost = [...acked].filter(([n, uid]) => byName.get(n)?.metadata.uid !== uid).map(([n]) => n);
      const notRunning = [...acked.keys()].filter((n) => byName.get(n)?.status.phase !== 'Running');
      const d = await get<Deployment>(server, '/apis/apps/v1/namespaces/default/deployments/chaos-web');
      if (lost.length === 0 && notRunning.length === 0 && d.status?.availableReplicas === 3) return { convergedMs: Date.now() - t0, pods, lost };
    } catch {
      // the apiserver may still be coming back
    }
    await sleep(1000);
  }
  return { pods, lost };
}

async function twice(natsUrl: string, credentials: string): Promise<{ createdTwice: number; boundTwice: number }> {
  const nc = await connectNats(natsUrl, 'chaos', { once: true, credentials });
  try {
    const created = new Map<string, number>();
    const bound = new Map<string, number>();
    const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    for (const { record } of await (await EventLog.open(nc)).readAll()) {
      for (const e of record.events) {
        if (e.type === 'PodCreated') inc(created, `${e.pod.metadata.namespace}/${e.pod.metadata.name}/${e.pod.metadata.uid}`);
        if (e.type === 'PodBound') inc(bound, `${e.namespace}/${e.name}`);
      }
    }
    // A name bound more than once is a double bind only if it was created once (a re-created pod binds again).
    const createdPerName = new Map<string, number>();
    for (const k of created.keys()) inc(createdPerName, k.split('/').slice(0, 2).join('/'));
    return {
      createdTwice: [...created.values()].filter((n) => n > 1).length,
      boundTwice: [...bound].filter(([k, n]) => n > (createdPerName.get(k) ?? 1)).length,
    };
  } finally {
    await nc.close();
  }
}

function verify(dataDir: string): Promise<string> {
  return new Promise((resolve) =>
    execFile(process.execPath, [join(ROOT, 'bin/kubesim'), 'replay', '--verify', '--data-dir', dataDir], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve(`${err ? `exit ${typeof err.code === 'number' ? err.code : 1}` : 'exit 0'}: ${(stdout + stderr).trim().split('\n').slice(0, 3).join(' | ')}`),
    ),
  );
}

async function main() {
  const durationS = arg('duration', 60);
  const rate = arg('rate', 10);
  const replicas = arg('nats-replicas', 1);
  const everyMs = arg('every', 4) * 1000;
  const nodes = arg('nodes', 3);
  const seed = arg('seed', 1);
  const stopShare = arg('stop-share', 0.25);
  const rnd = random(seed);
  process.stderr.write(`chaos: ${durationS}s, ${rate} creates/s, ${nodes} nodes, nats-replicas ${replicas}, a fault every ${everyMs / 1000}s (${Math.round(stopShare * 100)}% SIGSTOP), seed ${seed}\n`);
  const cluster = await startKubesim(['--nodes', String(nodes), '--node-pods', '250', '--time-scale', '0.1', '--no-dashboard', '--restart-kubelets', '--nats-replicas', String(replicas)]);
  try {
    const dep = await fetch(`${cluster.server}/apis/apps/v1/namespaces/default/deployments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deployment });
    if (dep.status !== 201) throw new Error(`Deployment: ${dep.status} ${await dep.text()}`);
    const nats = replicas > 1 ? Array.from({ length: replicas }, (_, i) => `nats-${i + 1}`) : ['nats'];
    const targets = ['apiserver', 'scheduler', 'controller-manager', ...nats, ...Array.from({ length: nodes }, (_, i) => `kubelet-node-${i + 1}`)];
    const load: Load = { sent: 0, acked: new Map(), ackedTotal: 0, deletes: new Map(), statuses: new Map(), lastAckAt: Date.now(), longestGapMs: 0, longestGapEndedAt: 0 };
    const faults: Fault[] = [];
    const t0 = Date.now();
    const until = t0 + durationS * 1000;
    await Promise.all([writeLoad(cluster.server, rate, until, nodes * 250 - 150, load), chaos(cluster, targets, until, everyMs, stopShare, rnd, faults)]);
    process.stderr.write('chaos: load and faults over; waiting for the cluster to converge…\n');
    const c = await converge(cluster.server, load.acked, 180_000);
    const { createdTwice, boundTwice } = await twice(cluster.natsUrl, join(cluster.dataDir, 'nats-auth', 'admin.json'));
    const verified = await verify(cluster.dataDir);

    const back = new Map<string, number[]>();
    for (const f of faults) if (f.signal === 'SIGKILL' && f.backMs !== undefined) back.set(f.target, [...(back.get(f.target) ?? []), f.backMs]);
    const lines = [
      `chaos run: ${durationS}s, ${rate} creates/s, ${nodes} nodes, nats-replicas ${replicas}, seed ${seed}`,
      `faults:         ${faults.length} (${faults.filter((f) => f.signal === 'SIGKILL').length} SIGKILL, ${faults.filter((f) => f.signal === 'SIGSTOP').length} SIGSTOP): ${faults.map((f) => `${f.signal === 'SIGKILL' ? 'kill' : 'stop'} ${f.target}`).join(', ')}`,
      `writes:         creates sent ${load.sent}, acked ${load.ackedTotal}, answers ${JSON.stringify(Object.fromEntries([...load.statuses].sort()))}; deletes of the oldest ${JSON.stringify(Object.fromEntries([...load.deletes].sort()))}`,
      `lost (acked, not deleted, then missing): ${c.lost.length} of ${load.acked.size}`,
      `created twice: ${createdTwice}, bound twice: ${boundTwice}`,
      `longest gap between acked writes: ${(load.longestGapMs / 1000).toFixed(1)}s (ended at +${((load.longestGapEndedAt - t0) / 1000).toFixed(1)}s)`,
      `converged (every acked pod Running, the Deployment 3/3): ${c.convergedMs !== undefined ? `${(c.convergedMs / 1000).toFixed(1)}s after the load` : 'NO, after 180s'}`,
      `back after SIGKILL (new process running): ${[...back].map(([t, ms]) => `${t} ${ms.map((m) => (m / 1000).toFixed(1)).join('/')}s`).join(', ') || '-'}`,
      `replay --verify: ${verified}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    process.exitCode = c.lost.length || createdTwice || boundTwice || c.convergedMs === undefined ? 1 : 0;
  } finally {
    await cluster.stop();
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`chaos: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
