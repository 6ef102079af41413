import type { ExecStreamEvent, ExecStreamRequest, Pod, Status } from '@kubesim/api';
import { startInteractive, type InteractiveProcess } from '@kubesim/runtime';
import { execTarget, failure, pickContainer, startFailure } from './pod-io';
import type { PodRuntime } from './pod-runtime';

type Open = Extract<ExecStreamRequest, { kind: 'open' }>;

/**
 * One streaming exec on the kubelet, without NATS or timers: the process runs on the simulated
 * clock when `advance(now)` is called; what it wrote since, and its exit, come out as the events
 * to send. Stdin from the apiserver goes in with `stdin`/`closeStdin`; `cancel` (the client went
 * away, or the apiserver is silent) kills the process.
 */
export class ExecStream {
  private readonly pending: ExecStreamEvent[] = [];
  private output = { stdout: '', stderr: '' };
  private startChecked = false;
  /** Sent `exit` or `failed`: nothing more will come. */
  done = false;

  private constructor(
    private readonly id: string,
    private readonly running: InteractiveProcess,
    /** What the client going away does: kill the exec'd process, or (attach) let go of PID 1. */
    private readonly onCancel: (now: number) => void = (now) => running.proc.signal('KILL', now),
  ) {}

  /**
   * `kubectl attach`: PID 1's console (a container with `stdin: true`) instead of a new process.
   * Leaving detaches; with `stdinOnce` it also closes PID 1's stdin, as the runtime does.
   */
  static attach(pod: Pod, runtime: PodRuntime, open: Open): ExecStream | { ok: false; status: Status } {
    const c = pickContainer(pod, runtime, open.container);
    if ('ok' in c) return c;
    const p = c.phase;
    if ((p.kind !== 'running' && p.kind !== 'stopping') || p.proc.exit) {
      return { ok: false, status: failure(400, 'BadRequest', `unable to upgrade connection: container not found ("${c.spec.name}")`) };
    }
    const con = c.console;
    if (!con) return { ok: false, status: failure(400, 'BadRequest', `container ${c.spec.name} in pod ${pod.metadata.name} has no stdin: attach needs stdin: true`) };
    let stream: ExecStream | undefined;
    const listener = (s: 'stdout' | 'stderr', text: string) => void (stream!.output[s] += text);
    con.attached.add(listener);
    stream = new ExecStream(`attach-${pod.metadata.uid}-${c.spec.name}`, { proc: p.proc, terminal: con.terminal }, () => {
      con.attached.delete(listener);
      if (c.spec.stdinOnce) con.terminal.close();
    });
    stream.startChecked = true;
    stream.pending.push({ kind: 'started' });
    return stream;
  }

  /** Starts the command of `open` in its container, or says why not (the `failed` event to send). */
  static open(pod: Pod, runtime: PodRuntime, open: Open, now: number, clock: () => number): ExecStream | { ok: false; status: Status } {
    let stream: ExecStream | undefined;
    const target = execTarget(pod, runtime, open.container, open.command, now, () => stream?.running.proc);
    if ('ok' in target) return target;
    const running = startInteractive(open.command, target.env, now, {
      tty: open.tty,
      clock,
      screen: (s, text) => void (stream!.output[s] += text),
    });
    stream = new ExecStream(target.id, running);
    target.register(running.proc);
    // Without stdin the process reads an empty, closed one.
    if (!open.stdin) running.terminal.close();
    return stream;
  }

  get proc() {
    return this.running.proc;
  }

  stdin(data: string): void {
    this.running.terminal.feed(data);
  }

  closeStdin(): void {
    this.running.terminal.close();
  }

  /** SIGKILL: the client is gone. */
  cancel(now: number): void {
    this.onCancel(now);
    this.done = true;
  }

  /** Runs the process up to `now`; returns the events to send, in order. */
  advance(now: number): ExecStreamEvent[] {
    if (this.done) return [];
    const proc = this.running.proc.advance(now);
    if (!this.startChecked) {
      // A program that is not there is containerd's error, not output and an exit code.
      this.startChecked = true;
      const written = (this.output.stdout + this.output.stderr).replace(/\r\n/g, '\n');
      const failed = proc.exit ? startFailure(this.id, proc.exit.code, '', written) : undefined;
      if (failed) {
        this.done = true;
        return [{ kind: 'failed', status: failed }];
      }
      this.pending.push({ kind: 'started' });
    }
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.output[stream]) this.pending.push({ kind: 'output', stream, data: this.output[stream] });
      this.output[stream] = '';
    }
    if (proc.exit) {
      this.pending.push({ kind: 'exit', exitCode: proc.exit.code });
      this.done = true;
    }
    return this.pending.splice(0);
  }

  /** When the process next needs the clock (undefined: it waits for stdin or has exited). */
  get nextWakeAt(): number | undefined {
    return this.done ? undefined : this.running.proc.nextWakeAt;
  }
}
