import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Pod } from '@kubesim/api';
import { EventLog, Projection } from '@kubesim/eventlog';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { WebSocketServer, type WebSocket } from 'ws';
import { failure, toStatus } from '../status';
import { CHANNEL, EXEC_PROTOCOLS, exitStatus, frame, parseClientFrame, pickProtocol, type ExecProtocol } from './exec-channels';
import { ContainerNotFound, execContainer, execPath, podNotFound } from './exec-target';
import { openExecStream, type ExecStreamHandle } from './exec-stream-client';
import { checkExecTarget, execOptions, type ExecOptions } from './pod-exec';
import { isTrue } from '../query-flag';


/** The largest client message (one stdin chunk); a bigger one ends the session. */
const MAX_MESSAGE_BYTES = 3 * 1024 * 1024;

/**
 * kubectl's streaming `exec`: the WebSocket upgrade of `GET …/pods/NAME/exec` (subprotocol
 * v5.channel.k8s.io, or v4). Refusals come before the upgrade, as from kube-apiserver and the
 * kubelet; then a streaming session runs the command on the pod's kubelet (openExecStream): stdin
 * (channel 0) goes to it as typed, stdout and stderr come back on channels 1 and 2 as written, the
 * exit Status on 3; a client that hangs up has the process killed. `…/attach` joins PID 1's
 * console instead (a container with `stdin: true`). Any other upgrade (SPDY, port-forward) gets a
 * Status and no upgrade.
 */
@Injectable()
export class ExecUpgrade implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, handleProtocols: (offered) => pickProtocol(offered) ?? false });
  private readonly logger = new Logger('exec');
  /**
   * Authentication and authorization of an upgrade (the express middleware never sees one): set by
   * startApiserver; none (tests of the bare module), everything is let through as `--insecure`.
   */
  access?: (req: IncomingMessage) => { allowed: true } | { allowed: false; code: number; body: object };

  constructor(
    @Inject(HttpAdapterHost) private readonly host: HttpAdapterHost,
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(EventLog) private readonly log: EventLog,
  ) {}

  onApplicationBootstrap() {
    const server = this.host.httpAdapter?.getHttpServer() as Server | undefined;
    server?.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  beforeApplicationShutdown() {
    for (const ws of this.wss.clients) ws.terminate();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on('error', () => undefined);
    const access = this.access?.(req);
    if (access && !access.allowed) return reject(socket, access.body as Parameters<typeof reject>[1]);
    const target = execPath(req.url ?? '/');
    if (!target) {
      const path = new URL(req.url ?? '/', 'http://apiserver').pathname;
      return reject(socket, failure(400, 'BadRequest', `kubesim does not serve a ${req.headers.upgrade} stream at ${path}`));
    }
    try {
      const pod = this.cluster.store.get({ kind: 'Pod', namespace: target.namespace, name: target.name }) as Pod | undefined;
      if (!pod) throw podNotFound(target.name);
      const attach = target.subresource === 'attach';
      // attach runs nothing: it joins PID 1's console.
      const opts: ExecOptions = attach ? { command: [], ...(typeof target.query.container === 'string' && target.query.container ? { container: target.query.container } : {}) } : execOptions(target.query);
      checkExecTarget(pod);
      const container = execContainer(pod, opts.container);
      const protocol = pickProtocol(String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim()));
      if (String(req.headers.upgrade).toLowerCase() !== 'websocket' || !protocol) {
        return reject(socket, failure(400, 'BadRequest', `kubesim streams exec over WebSocket only (${EXEC_PROTOCOLS.join(', ')}), not ${req.headers.upgrade}`));
      }
      const q = target.query;
      const streams = { stdin: isTrue(q.stdin), stdout: isTrue(q.stdout), stderr: isTrue(q.stderr), tty: isTrue(q.tty) };
      this.wss.handleUpgrade(req, socket, head, (ws) => void this.session(ws, protocol, pod, { ...opts, container }, { ...streams, attach }));
    } catch (e) {
      if (e instanceof ContainerNotFound) return rejectText(socket, 404, e.message);
      return reject(socket, toStatus(e));
    }
  }

  private async session(ws: WebSocket, protocol: ExecProtocol, pod: Pod, opts: ExecOptions, streams: { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean; attach: boolean }) {
    const where = `${pod.metadata.namespace}/${pod.metadata.name}`;
    // A protocol error (an unmasked frame, a frame over maxPayload …) ends this session, not the apiserver.
    ws.on('error', (e) => {
      this.logger.debug(`exec stream of ${where}: ${e.message}`);
      ws.terminate();
    });
    const end = (status: object) => {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(frame(CHANNEL.error, JSON.stringify(status)));
      ws.close(1000);
    };
    // Stdin typed before the kubelet has started the process waits for it.
    const client = clientStdin(ws, protocol);
    try {
      const session = await openExecStream(this.log.nc, pod, { command: opts.command, ...(opts.container ? { container: opts.container } : {}), tty: streams.tty, stdin: streams.stdin, ...(streams.attach ? { attach: true } : {}) }, {
        // With a TTY there is one output stream (the kubelet sends it all as stdout).
        output: (stream, data) => {
          if (ws.readyState !== ws.OPEN) return;
          if (stream === 'stdout' && streams.stdout) ws.send(frame(CHANNEL.stdout, data));
          if (stream === 'stderr' && streams.stderr) ws.send(frame(CHANNEL.stderr, data));
        },
        exit: (exitCode) => end(exitStatus(opts.command, exitCode)),
        failed: (status) => {
          this.logger.warn(`exec in ${where}: ${status.message}`);
          end(status);
        },
      });
      client.attach(streams.stdin ? session : { ...session, stdin: () => undefined, closeStdin: () => undefined });
    } catch (e) {
      const status = toStatus(e);
      this.logger.warn(`exec in ${where}: ${status.message}`);
      client.attach(undefined);
      end(status);
    }
  }
}

/**
 * The client's messages: stdin chunks (UTF-8, split characters joined), v5's close of stdin, and
 * the client hanging up (the kubelet then kills the process). Until `attach`, they wait.
 */
function clientStdin(ws: WebSocket, protocol: ExecProtocol) {
  const decoder = new StringDecoder('utf8');
  let target: ExecStreamHandle | undefined | null = null;
  const waiting: ((h: ExecStreamHandle) => void)[] = [];
  const apply = (f: (h: ExecStreamHandle) => void) => (target === null ? waiting.push(f) : target && f(target));
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary) return;
    const f = parseClientFrame(data, protocol);
    if (f.kind === 'stdin') {
      const text = decoder.write(f.data);
      if (text) apply((h) => h.stdin(text));
    }
    if (f.kind === 'close' && f.channel === CHANNEL.stdin) apply((h) => h.closeStdin());
  });
  ws.on('close', () => apply((h) => h.cancel()));
  return {
    attach(h: ExecStreamHandle | undefined) {
      target = h;
      if (h) for (const f of waiting.splice(0)) f(h);
    },
  };
}

function rejectText(socket: Duplex, code: number, body: string, contentType = 'text/plain; charset=utf-8') {
  const bytes = Buffer.from(body, 'utf8');
  socket.end(`HTTP/1.1 ${code} ${STATUS_CODES[code]}\r\nContent-Type: ${contentType}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n${body}`);
}

function reject(socket: Duplex, status: { code: number }) {
  rejectText(socket, status.code, JSON.stringify(status), 'application/json');
}
