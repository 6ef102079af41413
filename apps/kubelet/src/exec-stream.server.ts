import type { Logger } from '@nestjs/common';
import { EXEC_STREAM_KEEPALIVE_MS, EXEC_STREAM_TIMEOUT_MS, kubeletSubject, type ExecStreamEvent, type ExecStreamRequest, type Pod, type Status } from '@kubesim/api';
import type { Msg, NatsConnection, Subscription } from 'nats';
import { ExecStream } from './sync/exec-stream';
import type { PodRuntime } from './sync/pod-runtime';

type Lookup = (namespace: string, name: string) => { pod: Pod; runtime: PodRuntime; kick: () => void } | undefined;

interface Live {
  readonly stream: ExecStream;
  readonly replyTo: string;
  readonly kick: () => void;
  lastHeard: number;
  wake?: NodeJS.Timeout;
}

const notFound = (name: string): Status => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `pods "${name}" not found`, reason: 'NotFound', code: 404 });

/**
 * The NATS edge of streaming exec (see ExecStreamRequest): sessions by id, each advanced when
 * stdin comes and when its process next needs the clock; keepalives both ways, and a session
 * whose apiserver went silent is cancelled (its process killed).
 */
export class ExecStreamServer {
  private readonly sessions = new Map<string, Live>();
  private readonly sub: Subscription;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly nc: NatsConnection,
    node: string,
    private readonly lookup: Lookup,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.sub = nc.subscribe(kubeletSubject(node, 'exec-stream'), {
      callback: (_e, m) => {
        try {
          this.receive(JSON.parse(new TextDecoder().decode(m.data)) as ExecStreamRequest, m);
        } catch (e) {
          this.logger.error(`exec-stream: ${e instanceof Error ? e.message : e}`);
        }
      },
    });
    this.heartbeat = setInterval(() => this.keepalive(), EXEC_STREAM_KEEPALIVE_MS);
    this.heartbeat.unref();
  }

  close() {
    this.sub.unsubscribe();
    clearInterval(this.heartbeat);
    for (const id of [...this.sessions.keys()]) this.end(id, true);
  }

  private receive(req: ExecStreamRequest, m: Msg) {
    if (req.kind === 'open') return this.open(req, m);
    const live = this.sessions.get(req.session);
    if (!live) return;
    live.lastHeard = this.now();
    switch (req.kind) {
      case 'stdin':
        live.stream.stdin(req.data);
        return this.pump(req.session, true);
      case 'stdin-close':
        live.stream.closeStdin();
        return this.pump(req.session, true);
      case 'resize':
      case 'keepalive':
        return;
      case 'cancel':
        return this.end(req.session, true);
    }
  }

  /** `open` is a request: its reply is `started` or `failed`; the rest goes to `replyTo`. */
  private open(req: Extract<ExecStreamRequest, { kind: 'open' }>, m: Msg) {
    const answer = (ev: ExecStreamEvent) => m.respond(new TextEncoder().encode(JSON.stringify(ev)));
    const found = this.lookup(req.namespace, req.name);
    if (!found || found.pod.metadata.uid !== req.uid) return void answer({ kind: 'failed', status: notFound(req.name) });
    found.runtime.catchUp(this.now());
    const stream = req.attach ? ExecStream.attach(found.pod, found.runtime, req) : ExecStream.open(found.pod, found.runtime, req, this.now(), this.now);
    if ('ok' in stream) return void answer({ kind: 'failed', status: stream.status });
    this.sessions.set(req.session, { stream, replyTo: req.replyTo, kick: found.kick, lastHeard: this.now() });
    this.pump(req.session, false, answer);
  }

  /** Runs the session's process to now, sends what it wrote, and sets the timer for its next wake. */
  private pump(id: string, kick: boolean, answer?: (ev: ExecStreamEvent) => void) {
    const live = this.sessions.get(id);
    if (!live) return;
    clearTimeout(live.wake);
    const events = live.stream.advance(this.now());
    // The first events of a session: `started` (or `failed`) answers the open.
    if (answer && events.length) answer(events.shift()!);
    for (const ev of events) this.send(live.replyTo, ev);
    // What the command did may change what the container's probes see.
    if (kick || live.stream.done) live.kick();
    if (live.stream.done) return void this.sessions.delete(id);
    const next = live.stream.nextWakeAt;
    if (next !== undefined) live.wake = setTimeout(() => this.pump(id, false), Math.max(0, next - this.now()));
  }

  private keepalive() {
    for (const [id, live] of this.sessions) {
      if (this.now() - live.lastHeard > EXEC_STREAM_TIMEOUT_MS) {
        this.logger.warn(`exec session ${id}: the apiserver went silent, killing the process`);
        this.end(id, true);
      } else this.send(live.replyTo, { kind: 'keepalive' });
    }
  }

  private end(id: string, kill: boolean) {
    const live = this.sessions.get(id);
    if (!live) return;
    clearTimeout(live.wake);
    if (kill) live.stream.cancel(this.now());
    this.sessions.delete(id);
    live.kick();
  }

  private send(replyTo: string, ev: ExecStreamEvent) {
    this.nc.publish(replyTo, new TextEncoder().encode(JSON.stringify(ev)));
  }
}
