import { Interrupted, ProcessKilled, ShellExit, SIGINT_EXIT_CODE, SIGKILL_EXIT_CODE, type Block, type ContainerEnv, type Gen, type Sink } from './process-types';
import { PAUSE, ProcessNode, reapsChildren, staysZombie } from './process-tree';

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
  /** A background job's command line (`ps`). */
  readonly argv?: readonly string[];
  /** The process it runs as, and the one that started it (re-parented to init when that exits). */
  readonly self: ProcessNode;
  parent: ProcessNode;
  /** Exited, and nobody has collected its status: `ps` still lists it. */
  zombie?: boolean;
}

/** A process the program forked that `ps` lists after it (nginx's workers, a shell's `cmd &`). */
export interface Subprocess {
  /** Its place among its parent's children, 1 for the first: its PID follows the parent's by that much. */
  readonly nth: number;
  readonly argv: readonly string[];
  /** Its user as `ps` prints it; the parent's when absent. */
  readonly user?: string;
  /** Exited but not reaped (`[sleep]` in `ps`, STAT Z in `top`). */
  readonly zombie?: boolean;
}

export type Signal = 'TERM' | 'KILL' | 'INT' | 'HUP';

/**
 * What one command costs on the simulated CPU, in ms: about what a shell spends to fork and run a
 * small program. Not scaled by the time scale (CPU work is not a Kubernetes duration).
 */
export const COMMAND_CPU_MS = 0.1;
/** A computing job yields after this much CPU time, so the clock (and `date`) moves with its work. */
export const CPU_QUANTUM_MS = 1;
/** A computing job asks to be advanced again only this much later (not at every quantum). */
export const CPU_SLICE_MS = 100;
/**
 * A process gets at most this much CPU per call of `advance`: whatever the program does, the
 * kubelet that drives it returns to its own timers (lease, probes). Past it the computing job
 * resumes after `now`: the CPU time it did not get is lost, as for a throttled cgroup.
 */
export const CPU_BUDGET_MS = 500;

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
  /** Simulated CPU time the process has used (`ps`' TIME, `top`), ms. */
  cpuUsedMs = 0;
  private cpuDebt = 0;
  /** The `now` of the running `advance`, and the CPU time granted in it. */
  private horizon = -Infinity;
  private granted = 0;
  readonly stdout: Sink;
  readonly stderr: Sink;
  /** The command line it was started with (`ps`). */
  argv: readonly string[] = [];
  private readonly jobs: Job[] = [];
  private readonly partial: Record<Stream, string> = { stdout: '', stderr: '' };
  /** Everything written, as written (an interactive exec streams partial lines: the prompt). */
  rawOutput?: (stream: Stream, text: string) => void;
  /** Ctrl-C came: the next step of the foreground job gets an `Interrupted` thrown in. */
  private interruptPending = false;

  constructor(
    readonly env: ContainerEnv,
    startedAt: number,
    private readonly onOutput: OutputListener = () => {},
  ) {
    this.clock = startedAt;
    this.stdout = (text) => this.write('stdout', text);
    this.stderr = (text) => this.write('stderr', text);
  }

  /** The container's PID 1 as a parent: orphans come to it unless the pod's pause takes them. */
  readonly main = new ProcessNode(true);

  /** Starts the main program (job 0); it runs at the next `advance`. */
  start(main: Gen): this {
    this.main.reaps = reapsChildren(this.argv);
    this.jobs.push({ gen: main, block: { until: this.clock }, done: false, status: 0, self: this.main, parent: PAUSE });
    return this;
  }

  /**
   * A background job (`cmd &`) running as `self`, started by `parent`; returns its job number,
   * used as its pid.
   */
  spawn(gen: Gen, argv?: readonly string[], tree: { self: ProcessNode; parent: ProcessNode } = { self: new ProcessNode(true), parent: this.main }): number {
    this.jobs.push({ gen, block: { until: this.clock }, done: false, status: 0, argv, ...tree });
    return this.jobs.length;
  }

  /** PID 1 replaced its program (`exec sleep 3600`): `ps` shows the new one, which may not reap. */
  execed(argv: readonly string[]): void {
    this.argv = argv;
    this.main.reaps = reapsChildren(argv);
  }

  /** `node` has exited: its children are orphans, re-parented to init (and reaped there if it reaps). */
  exited(node: ProcessNode): void {
    node.alive = false;
    const init = this.init();
    for (const j of this.jobs) {
      if (j.parent !== node) continue;
      j.parent = init;
      if (j.done && j.zombie) j.zombie = staysZombie(init, init);
    }
  }

  /** Who adopts orphans: pause when the pod shares its PID namespace, else PID 1. */
  private init(): ProcessNode {
    return this.env.sharedPidNamespace ? PAUSE : this.main;
  }

  /** Children the program started for good (nginx's workers): `ps` lists them. */
  readonly workers: Omit<Subprocess, 'nth'>[] = [];

  /** What `ps` lists under this process: its workers, then its running background jobs. */
  subprocesses(): Subprocess[] {
    if (this.exit) return [];
    const workers = this.workers.map((w, i) => ({ ...w, nth: i + 1 }));
    const jobs = this.jobs.flatMap((j, i) => (i > 0 && (!j.done || j.zombie) && j.argv ? [{ argv: j.argv, nth: this.workers.length + i, ...(j.done ? { zombie: true } : {}) }] : []));
    return [...workers, ...jobs];
  }

  /** True while any background job has not finished. */
  hasBackgroundJobs(): boolean {
    return this.jobs.slice(1).some((j) => !j.done);
  }

  /**
   * Charges CPU time to the running job (every shell command does). Once a quantum has gathered
   * the job yields, runnable again when that much simulated time has passed: a loop without
   * `sleep` advances the clock instead of holding the caller's event loop.
   */
  *burn(ms: number): Gen<void> {
    this.cpuUsedMs += ms;
    this.cpuDebt += ms;
    if (this.cpuDebt < CPU_QUANTUM_MS) return;
    const until = this.clock + this.cpuDebt;
    this.cpuDebt = 0;
    yield { until, cpu: true };
  }

  advance(now: number): this {
    this.horizon = now;
    this.granted = 0;
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
    // A computing job is advanced a slice at a time, not at every quantum.
    const until = Math.min(...this.jobs.filter((j) => !j.done).map((j) => j.block.until + (j.block.cpu ? CPU_SLICE_MS : 0)));
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

  /** Stdin has data (or ended): jobs waiting for it run at the next `advance`. */
  wakeInput(at: number): void {
    if (this.exit) return;
    this.clock = Math.max(this.clock, at);
    for (const j of this.jobs) if (!j.done && j.block.input) j.block = { until: this.clock };
  }

  /** Ctrl-C on the terminal: SIGINT to the foreground job (job 0), whatever it waits for. */
  interrupt(at: number): void {
    if (this.exit) return;
    this.clock = Math.max(this.clock, at);
    this.interruptPending = true;
    this.jobs[0].block = { until: this.clock };
  }

  private step(job: Job) {
    try {
      const interrupted = job === this.jobs[0] && this.interruptPending;
      this.interruptPending &&= !interrupted;
      const r = interrupted ? job.gen.throw(new Interrupted()) : job.gen.next();
      if (r.done) return this.jobDone(job, r.value);
      let block = r.value;
      if (block.cpu) {
        const ran = block.until - this.clock;
        this.granted += ran;
        if (this.granted > CPU_BUDGET_MS && block.until <= this.horizon) block = { ...block, until: this.horizon + ran };
      }
      job.block = block.until < this.clock ? { ...block, until: this.clock } : block;
    } catch (e) {
      if (e instanceof ShellExit) return this.jobDone(job, e.code);
      if (e instanceof ProcessKilled) return this.finish({ code: e.code, at: this.clock, reason: e.reason });
      if (e instanceof Interrupted) return this.finish({ code: SIGINT_EXIT_CODE, at: this.clock });
      throw e;
    }
  }

  private jobDone(job: Job, status: number) {
    job.done = true;
    job.status = status;
    if (job === this.jobs[0]) return this.finish({ code: status, at: this.clock });
    job.zombie = staysZombie(job.parent, this.init());
    this.exited(job.self);
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
    this.rawOutput?.(stream, text);
    const lines = (this.partial[stream] + text).split('\n');
    this.partial[stream] = lines.pop()!;
    for (const line of lines) this.onOutput(stream, line, this.clock);
  }
}
