import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface NatsServerHandle {
  url: string;
  port: number;
  storeDir: string;
  process: ChildProcess;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** SIGKILL and wait (a crash). */
  kill(): Promise<void>;
  /** Start again on the same port and store. */
  restart(): Promise<void>;
}

export function assertNatsServerInstalled(bin = 'nats-server'): void {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`${bin} not found: install it with 'apt-get install -y nats-server' (Debian) or see https://docs.nats.io/running-a-nats-service/introduction/installation`);
  }
}

function launch(port: number, storeDir: string, config?: string): Promise<ChildProcess> {
  const p = spawn('nats-server', [...(config ? ['-c', config] : []), '-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`nats-server did not become ready:\n${out}`)), 10_000);
    p.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Server is ready')) {
        clearTimeout(timer);
        resolve(p);
      }
    });
    p.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`nats-server exited with ${code}:\n${out}`));
    });
  });
}

const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())));

/** A real nats-server with JetStream on a free loopback port and a fresh store directory; `config`: its config file (`-c`). */
export async function startNatsServer(o: { config?: string } = {}): Promise<NatsServerHandle> {
  assertNatsServerInstalled();
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'kubesim-nats-'));
  const handle: NatsServerHandle = {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    process: await launch(port, storeDir, o.config),
    async stop() {
      handle.process.kill('SIGTERM');
      await exited(handle.process);
      rmSync(storeDir, { recursive: true, force: true });
    },
    async kill() {
      handle.process.kill('SIGKILL');
      await exited(handle.process);
    },
    async restart() {
      handle.process = await launch(port, storeDir, o.config);
    },
  };
  return handle;
}
