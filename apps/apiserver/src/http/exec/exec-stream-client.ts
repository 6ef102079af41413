import { randomUUID } from 'node:crypto';
import { EXEC_STREAM_KEEPALIVE_MS, EXEC_STREAM_TIMEOUT_MS, execStreamInbox, kubeletSubject, type ExecStreamEvent, type ExecStreamRequest, type Pod, type Status } from '@kubesim/api';
import type { NatsConnection } from 'nats';
import { failure, StatusError } from '../status';
import { checkExecTarget } from './pod-exec';

/** How long the kubelet has to start an exec'd process. */
const OPEN_TIMEOUT_MS = 10_000;

/** What the client of a session hears; exactly one of `exit` and `failed` ends it. */
export interface ExecStreamListener {
  output(stream: 'stdout' | 'stderr', data: string): void;
  exit(exitCode: number): void;
  failed(status: Status): void;
}

/** The apiserver's end of a running session. */
export interface ExecStreamHandle {
  stdin(data: string): void;
  closeStdin(): void;
  resize(width: number, height: number): void;
  /** The client went away: the kubelet kills the process. */
  cancel(): void;
}

export interface ExecStreamOptions {
  command: string[];
  container?: string;
  tty: boolean;
  stdin: boolean;
  /** `kubectl attach`: PID 1's console, no command. */
  attach?: boolean;
}

const unreachable = (node: string) => failure(500, 'InternalError', `error dialing backend: kubelet on ${node} not reachable`);
const lost = (node: string) => failure(500, 'InternalError', `error reading from the kubelet on ${node}: the exec stream stopped (no keepalive for ${EXEC_STREAM_TIMEOUT_MS / 1000}s)`);

/**
 * Opens a streaming exec session on the pod's kubelet (ExecStreamRequest/ExecStreamEvent over
 * NATS). Resolves once the process runs; a refusal (no container, no program) is thrown as its
 * Status (a StatusError). A kubelet that stops answering mid-session ends it with `failed`, never a hang.
 */
export async function openExecStream(
  nc: Pick<NatsConnection, 'request' | 'publish' | 'subscribe'> & { createInbox?: () => string },
  pod: Pod,
  opts: ExecStreamOptions,
  listener: ExecStreamListener,
): Promise<ExecStreamHandle> {
  const node = checkExecTarget(pod);
  const subject = kubeletSubject(node, 'exec-stream');
  const session = randomUUID();
  const replyTo = execStreamInbox(node, session);
  const enc = new TextEncoder();
  const send = (req: ExecStreamRequest) => nc.publish(subject, enc.encode(JSON.stringify(req)));

  let over = false;
  let opened = false;
  const early: ExecStreamEvent[] = [];
  let lastHeard = Date.now();
  const finish = () => {
    over = true;
    sub.unsubscribe();
    clearInterval(timer);
  };
  const handle = (ev: ExecStreamEvent) => {
    if (over) return;
    lastHeard = Date.now();
    switch (ev.kind) {
      case 'started':
      case 'keepalive':
        return;
      case 'output':
        return listener.output(ev.stream, ev.data);
      case 'exit':
        finish();
        return listener.exit(ev.exitCode);
      case 'failed':
        finish();
        return listener.failed(ev.status);
    }
  };
  const sub = nc.subscribe(replyTo, {
    callback: (_e, m) => {
      const ev = JSON.parse(new TextDecoder().decode(m.data)) as ExecStreamEvent;
      // Events may overtake the open's reply: they wait for it.
      if (opened) handle(ev);
      else early.push(ev);
    },
  });
  const timer = setInterval(() => {
    if (over || !opened) return;
    if (Date.now() - lastHeard > EXEC_STREAM_TIMEOUT_MS) {
      finish();
      send({ kind: 'cancel', session });
      return listener.failed(lost(node));
    }
    send({ kind: 'keepalive', session });
  }, EXEC_STREAM_KEEPALIVE_MS);
  timer.unref();

  const open: ExecStreamRequest = { kind: 'open', session, replyTo, namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, ...opts };
  let first: ExecStreamEvent;
  try {
    const m = await nc.request(subject, enc.encode(JSON.stringify(open)), { timeout: OPEN_TIMEOUT_MS });
    first = JSON.parse(new TextDecoder().decode(m.data)) as ExecStreamEvent;
  } catch {
    finish();
    throw new StatusError(unreachable(node));
  }
  if (first.kind === 'failed') {
    finish();
    throw new StatusError(first.status);
  }
  opened = true;
  lastHeard = Date.now();
  for (const ev of early.splice(0)) handle(ev);
  return {
    stdin: (data) => void (!over && send({ kind: 'stdin', session, data })),
    closeStdin: () => void (!over && send({ kind: 'stdin-close', session })),
    resize: (width, height) => void (!over && send({ kind: 'resize', session, width, height })),
    cancel: () => {
      if (over) return;
      finish();
      send({ kind: 'cancel', session });
    },
  };
}
