import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { decideRestart, NO_CRASHES, SUPERVISOR_BACKOFF, type BackoffPolicy, type CrashHistory, type RestartDecision } from './restart-backoff';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Restarted with back-off when it dies on its own (default: no). */
  restart?: boolean;
}

export interface RunningChild {
  spec: ChildSpec;
  process: ChildProcess;
  log: WriteStream;
  startedAt: number;
  /** Set once the supervisor itself stopped or killed it (not a crash). */
  stopping: boolean;
}

/** What the supervisor tells `kubesim up`'s terminal. */
export type SupervisorNotice =
  | { kind: 'exited'; name: string; pid: number | undefined; code: number | null; signal: NodeJS.Signals | null; decision: RestartDecision; at: Date }
  | { kind: 'restarted'; name: string; pid: number | undefined; attempt: number; at: Date };

/**
 * Child processes of `kubesim up`: each logs to `<logDir>/<name>.log`. One that dies on its own
 * and is marked `restart` is started again after the back-off of restart-backoff.ts; one the
 * supervisor stopped or killed (`stop`, `kill`) never is.
 */
export class Supervisor {
  readonly children = new Map<string, RunningChild>();
  private readonly history = new Map<string, CrashHistory>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly logDir: string,
    private readonly notify: (n: SupervisorNotice) => void,
    /** Called when a child got a new process (its pid changed). */
    private readonly changed: () => void = () => undefined,
    private readonly policy: BackoffPolicy = SUPERVISOR_BACKOFF,
    private readonly now: () => number = Date.now,
  ) {}

  start(spec: ChildSpec): RunningChild {
    this.cancelRestart(spec.name);
    const log = createWriteStream(join(this.logDir, `${spec.name}.log`), { flags: 'a' });
    const p = spawn(spec.command, spec.args, { env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
    p.stdout!.pipe(log, { end: false });
    p.stderr!.pipe(log, { end: false });
    const child: RunningChild = { spec, process: p, log, startedAt: this.now(), stopping: false };
    p.once('exit', (code, signal) => this.exited(child, code, signal));
    this.children.set(spec.name, child);
    return child;
  }

  /** Whether a restart of `name` is waiting for its back-off. */
  restartPending(name: string): boolean {
    return this.pending.has(name);
  }

  private exited(child: RunningChild, code: number | null, signal: NodeJS.Signals | null) {
    const name = child.spec.name;
    const exit = child.stopping || this.closed ? ({ kind: 'deliberate' } as const) : ({ kind: 'unexpected', ranForMs: this.now() - child.startedAt } as const);
    const decision = decideRestart(this.policy, child.spec.restart === true, this.history.get(name) ?? NO_CRASHES, exit);
    this.notify({ kind: 'exited', name, pid: child.process.pid, code, signal, decision, at: new Date(this.now()) });
    if (decision.kind !== 'restart') return;
    this.history.set(name, decision.history);
    const timer = setTimeout(() => {
      this.pending.delete(name);
      if (this.closed || this.children.get(name) !== child) return;
      const again = this.start(child.spec);
      this.notify({ kind: 'restarted', name, pid: again.process.pid, attempt: decision.attempt, at: new Date(this.now()) });
      this.changed();
    }, decision.delayMs);
    this.pending.set(name, timer);
  }

  private cancelRestart(name: string) {
    clearTimeout(this.pending.get(name));
    this.pending.delete(name);
  }

  /** A deliberate signal (`kubesim node kill`): the child is not restarted. */
  kill(name: string, signal: NodeJS.Signals): boolean {
    const c = this.children.get(name);
    if (!c || c.process.exitCode !== null || c.process.signalCode !== null) return false;
    c.stopping = true;
    return c.process.kill(signal);
  }

  /** SIGTERM, then SIGKILL after `graceMs`; not restarted. */
  async stop(name: string, graceMs = 5000): Promise<void> {
    this.cancelRestart(name);
    const c = this.children.get(name);
    if (!c || c.process.exitCode !== null || c.process.signalCode !== null) return;
    c.stopping = true;
    const exited = new Promise<void>((r) => c.process.once('exit', () => r()));
    c.process.kill('SIGTERM');
    const timer = setTimeout(() => c.process.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** Stops every child, group by group (a group: a name or its `name-…` children); restarts no more. */
  async stopAll(order: string[]): Promise<void> {
    this.closed = true;
    for (const name of [...this.pending.keys()]) this.cancelRestart(name);
    for (const group of order) {
      await Promise.all([...this.children.keys()].filter((n) => n === group || n.startsWith(group + '-')).map((n) => this.stop(n)));
    }
  }
}
