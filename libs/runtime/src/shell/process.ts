import { ProcessKilled, ShellExit, SIGKILL_EXIT_CODE, type Block, type ContainerEnv, type Gen, type Sink } from './process-types';

export type Stream = 'stdout' | 'stderr';
export type OutputListener = (stream: Stream, line: string, at: number) => void;

export interface ProcessExit {
  readonly code: number;
  readonly at: number;
  readonly reason?: 'OOMKilled';
  /** Ended by SIGKILL from outside (grace period over). */
  readonly killed?: boolean;
}

interface Job {
  readonly gen: Gen;
  block: Block;
  done: boolean;
  status: number;
}

export type Signal = 'TERM' | 'KILL' | 'INT' | 'HUP';

/**
 * One process tree in a container, on the simulated clock: the main program plus its
 * background jobs. `advance(now)` runs every job until all of them wait past `now`; nothing
 * happens between calls, so a container, its probes and `exec` sessions can all be advanced
 * side by side, deterministically.
 */
export class Process {
  /** Simulated time the running code sees (`date`, log timestamps). */
  clock: number;
  exit?: ProcessExit;
  /** Shell traps of PID 1: signal name (`TERM`, `EXIT`) → action. */
  readonly traps = new Map<string, string>();
  /** Signals caught by a trap, whose actions run when the current command returns. */
  readonly pendingSignals: Signal[] = [];
  /** What SIGTERM does when no trap catches it: PID 1 without a handler ignores it. */
  termAction: 'ignore' | { exitCode: number } = 'ignore';
  memoryBytes = 0;
  readonly stdout: Sink;
  readonly stderr: Sink;
  private readonly jobs: Job[] = [];
  private readonly partial: Record<Stream, string> = { stdout: '', stderr: '' };

  constructor(
    readonly env: ContainerEnv,
    startedAt: number,
    private readonly onOutput: OutputListener = () => {},
  ) {
    this.clock = startedAt;
    this.stdout = (text) => this.write('stdout', text);
    this.stderr = (text) => this.write('stderr', text);
  }

  /** Starts the main program (job 0); it runs at the next `advance`. */
  start(main: Gen): this {
    this.jobs.push({ gen: main, block: { until: this.clock }, done: false, status: 0 });
    return this;
  }

  /** A background job (`cmd &`); returns its job number, used as its pid. */
  spawn(gen: Gen): number {
    this.jobs.push({ gen, block: { until: this.clock }, done: false, status: 0 });
    return this.jobs.length;
  }

  /** True while any background job has not finished. */
  hasBackgroundJobs(): boolean {
    return this.jobs.slice(1).some((j) => !j.done);
  }

  advance(now: number): this {
    while (!this.exit) {
      let next: Job | undefined;
      for (const j of this.jobs) if (!j.done && (!next || j.block.until < next.block.until)) next = j;
      if (!next || next.block.until > now) break;
      this.clock = Math.max(this.clock, next.block.until);
      this.step(next);
    }
    return this;
  }

  /** When the process next needs the clock, or undefined if it waits for a signal (or has exited). */
  get nextWakeAt(): number | undefined {
    if (this.exit) return undefined;
    const until = Math.min(...this.jobs.filter((j) => !j.done).map((j) => j.block.until));
    return Number.isFinite(until) ? until : undefined;
  }

  signal(sig: Signal, at: number): void {
    if (this.exit) return;
    this.clock = Math.max(this.clock, at);
    if (sig === 'KILL') return this.finish({ code: SIGKILL_EXIT_CODE, at: this.clock, killed: true });
    if (this.traps.has(sig)) {
      this.pendingSignals.push(sig);
      for (const j of this.jobs) if (j.block.interruptible) j.block = { until: this.clock };
      return;
    }
    if (sig === 'TERM' && this.termAction !== 'ignore') this.finish({ code: this.termAction.exitCode, at: this.clock });
  }

  private step(job: Job) {
    try {
      const r = job.gen.next();
      if (r.done) return this.jobDone(job, r.value);
      job.block = r.value.until < this.clock ? { ...r.value, until: this.clock } : r.value;
    } catch (e) {
      if (e instanceof ShellExit) return this.jobDone(job, e.code);
      if (e instanceof ProcessKilled) return this.finish({ code: e.code, at: this.clock, reason: e.reason });
      throw e;
    }
  }

  private jobDone(job: Job, status: number) {
    job.done = true;
    job.status = status;
    if (job === this.jobs[0]) this.finish({ code: status, at: this.clock });
  }

  private finish(exit: ProcessExit) {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream]) this.onOutput(stream, this.partial[stream], this.clock);
      this.partial[stream] = '';
    }
    this.exit = exit;
    for (const j of this.jobs) j.done = true;
  }

  private write(stream: Stream, text: string) {
    const lines = (this.partial[stream] + text).split('\n');
    this.partial[stream] = lines.pop()!;
    for (const line of lines) this.onOutput(stream, line, this.clock);
  }
}
