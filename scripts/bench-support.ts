/** What the benchmark scripts share: arguments, free ports, process memory, a `kubesim up` to measure. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from '../apps/cli/src/up/free-port';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export { freePort };

export const ROOT = resolve(__dirname, '../..');

/** Runs `f` over `items` with at most `concurrency` calls in flight. */
export async function pool<T>(items: readonly T[], concurrency: number, f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await f(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** `--name N` from the command line, or `def`. */
export function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

export interface RunningCluster {
  server: string;
  /** The cluster's nats-server(s). */
  natsUrl: string;
  dataDir: string;
  process: ChildProcess;
  /** ms from spawn to "kubesim is ready". */
  readyMs: number;
  /** pid of a child (`apiserver`, `kubelet-node-1`, …) from cluster.json. */
  pid(name: string): number;
  pids(): Record<string, number>;
  stop(): Promise<void>;
}

/** `kubesim up` on free ports in a temporary data dir; resolves once it is ready. */
export async function startKubesim(args: string[], env: Record<string, string> = {}): Promise<RunningCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubesim-bench-'));
  const port = await freePort();
  const natsPort = await freePort();
  const t0 = Date.now();
  const proc = spawn(process.execPath, [join(ROOT, 'bin/kubesim'), 'up', '--insecure', ...args, '--port', String(port), '--nats-port', String(natsPort), '--data-dir', dataDir], {
    // Plain HTTP (the benchmarks measure the cluster, not TLS); its context goes to a kubeconfig of its own.
    env: { ...process.env, KUBESIM_LOG_LEVEL: 'warn', KUBECONFIG: join(dataDir, 'user-kubeconfig'), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((r, j) => {
    proc.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('kubesim is ready')) r();
    });
    proc.once('exit', (c) => j(new Error(`kubesim up exited ${c}`)));
  });
  const readyMs = Date.now() - t0;
  const clusterFile = () => JSON.parse(readFileSync(join(dataDir, 'cluster.json'), 'utf8')) as { pids: Record<string, number>; natsUrl: string };
  const pids = () => clusterFile().pids;
  return {
    server: `http://127.0.0.1:${port}`,
    // Every server of `--nats-replicas 3`, comma-separated.
    natsUrl: clusterFile().natsUrl ?? `nats://127.0.0.1:${natsPort}`,
    dataDir,
    process: proc,
    readyMs,
    pid: (name) => pids()[name],
    pids,
    async stop() {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGINT');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
