/**
 * Benchmark of the simulated runtime inside one kubelet process (time scale 1, busybox preloaded):
 *  1. memory: kubelet and apiserver RSS with no pods, then with N running pods (default 100) → per pod;
 *  2. CPU: an idle kubelet with M pods (default 50) whose exec liveness and httpGet readiness
 *     probes run every second → CPU % over a 30 s window (utime+stime from /proc).
 * Usage: npm run build && node dist/scripts/bench-kubelet.js [--pods 100] [--probed 50] [--window 30]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, arg, freePort, rssMiB } from './bench-support';

const PODS = arg('pods', 100);
const PROBED = arg('probed', 50);
const WINDOW_S = arg('window', 30);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuTicks = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (100/s)
};

async function up(): Promise<{ proc: ChildProcess; server: string; pid: (name: string) => number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubesim-bench-kubelet-'));
  const [port, natsPort] = [await freePort(), await freePort()];
  const proc = spawn(process.execPath, [join(ROOT, 'bin/kubesim'), 'up', '--nodes', '1', '--node-pods', '250', '--node-cpu', '200', '--node-memory', '512Gi', '--port', String(port), '--nats-port', String(natsPort), '--data-dir', dataDir, '--insecure'], {
    env: { ...process.env, KUBESIM_PRELOADED_IMAGES: 'registry.k8s.io/pause:3.10,busybox:1.36,nginx:1.25', KUBESIM_LOG_LEVEL: 'warn', KUBECONFIG: join(dataDir, 'user-kubeconfig') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((r, j) => {
    proc.stdout!.on('data', (d) => ((out += d), out.includes('kubesim is ready') && r()));
    proc.once('exit', (c) => j(new Error(`kubesim up exited ${c}`)));
  });
  const pid = (name: string) => (JSON.parse(readFileSync(join(dataDir, 'cluster.json'), 'utf8')) as { pids: Record<string, number> }).pids[name];
  return { proc, server: `http://127.0.0.1:${port}`, pid };
}

async function createPods(server: string, n: number, container: (i: number) => Record<string, unknown>) {
  for (let i = 0; i < n; i++) {
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `bench-${i}` }, spec: { containers: [container(i)] } };
    const r = await fetch(`${server}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(await r.text());
  }
  for (;;) {
    const list = (await (await fetch(`${server}/api/v1/namespaces/default/pods`)).json()) as { items: { status: { phase: string } }[] };
    if (list.items.filter((p) => p.status.phase === 'Running').length === n) return;
    await sleep(500);
  }
}

async function stop(c: { proc: ChildProcess }) {
  const exited = new Promise((r) => c.proc.once('exit', r));
  c.proc.kill('SIGINT');
  await exited;
}

async function main() {
  // 1. memory per running pod
  const a = await up();
  await sleep(5000);
  const kubelet0 = rssMiB(a.pid('kubelet-node-1'));
  const api0 = rssMiB(a.pid('apiserver'));
  await createPods(a.server, PODS, () => ({ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo started; while true; do sleep 5; done'] }));
  await sleep(10_000);
  const kubelet1 = rssMiB(a.pid('kubelet-node-1'));
  const api1 = rssMiB(a.pid('apiserver'));
  console.log(`memory: kubelet ${kubelet0.toFixed(1)} → ${kubelet1.toFixed(1)} MiB with ${PODS} running pods = ${(((kubelet1 - kubelet0) * 1024) / PODS).toFixed(1)} KiB/pod`);
  console.log(`memory: apiserver ${api0.toFixed(1)} → ${api1.toFixed(1)} MiB = ${(((api1 - api0) * 1024) / PODS).toFixed(1)} KiB/pod`);
  await stop(a);

  // 2. CPU of an idle kubelet whose pods are probed every second
  const b = await up();
  await createPods(b.server, PROBED, () => ({
    name: 'web',
    image: 'nginx:1.25',
    lifecycle: { postStart: { exec: { command: ['touch', '/tmp/healthy'] } } },
    livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 1 },
    readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 1 },
  }));
  await sleep(5000);
  const pid = b.pid('kubelet-node-1');
  const t0 = cpuTicks(pid);
  await sleep(WINDOW_S * 1000);
  const ticks = cpuTicks(pid) - t0;
  console.log(`cpu: kubelet with ${PROBED} pods, 2 probes each every 1 s: ${((ticks / 100 / WINDOW_S) * 100).toFixed(1)}% of one core (${ticks} ticks in ${WINDOW_S} s), RSS ${rssMiB(pid).toFixed(1)} MiB`);
  await stop(b);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
