import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

export interface RunningChild {
  spec: ChildSpec;
  process: ChildProcess;
  log: WriteStream;
  /** Set once the supervisor itself stopped it (not a crash). */
  stopping: boolean;
}

/**
 * Child processes of `kubesim up`: each logs to `<logDir>/<name>.log`; none is restarted when it
 * dies (a killed kubelet must stay dead: that is how a node is lost).
 */
export class Supervisor {
  readonly children = new Map<string, RunningChild>();

  constructor(
    private readonly logDir: string,
    private readonly onExit: (name: string, code: number | null, signal: NodeJS.Signals | null, expected: boolean) => void,
  ) {}

  start(spec: ChildSpec): RunningChild {
    const log = createWriteStream(join(this.logDir, `${spec.name}.log`), { flags: 'a' });
    const p = spawn(spec.command, spec.args, { env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
    p.stdout!.pipe(log, { end: false });
    p.stderr!.pipe(log, { end: false });
    const child: RunningChild = { spec, process: p, log, stopping: false };
    p.once('exit', (code, signal) => {
      this.onExit(spec.name, code, signal, child.stopping);
    });
    this.children.set(spec.name, child);
    return child;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(name: string, graceMs = 5000): Promise<void> {
    const c = this.children.get(name);
    if (!c || c.process.exitCode !== null || c.process.signalCode !== null) return;
    c.stopping = true;
    const exited = new Promise<void>((r) => c.process.once('exit', () => r()));
    c.process.kill('SIGTERM');
    const timer = setTimeout(() => c.process.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  async stopAll(order: string[]): Promise<void> {
    for (const group of order) {
      await Promise.all([...this.children.keys()].filter((n) => n === group || n.startsWith(group + '-')).map((n) => this.stop(n)));
    }
  }
}
