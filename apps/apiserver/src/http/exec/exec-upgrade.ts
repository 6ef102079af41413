import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Pod } from '@kubesim/api';
import { EventLog, Projection } from '@kubesim/eventlog';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { failure, toStatus } from '../status';
import { CHANNEL, EXEC_PROTOCOLS, exitStatus, frame, parseClientFrame, pickProtocol, type ExecProtocol } from './exec-channels';
import { ContainerNotFound, execContainer, execPath, podNotFound } from './exec-target';
import { checkExecTarget, execOptions, runExec, type ExecOptions } from './pod-exec';
import { isTrue } from '../query-flag';


/** The most stdin an exec takes (kube-apiserver's request body limit); a client sending more is cut off. */
const MAX_STDIN_BYTES = 3 * 1024 * 1024;

/**
 * kubectl's streaming `exec`: the WebSocket upgrade of `GET …/pods/NAME/exec` (subprotocol
 * v5.channel.k8s.io, or v4). Refusals come before the upgrade, as from kube-apiserver and the
 * kubelet; then stdin is read until the client closes it, the command runs on the pod's kubelet,
 * and its stdout, stderr and exit Status go back on channels 1, 2 and 3. Any other upgrade (SPDY,
 * attach, port-forward) gets a Status and no upgrade.
 */
@Injectable()
export class ExecUpgrade implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_STDIN_BYTES, handleProtocols: (offered) => pickProtocol(offered) ?? false });
  private readonly logger = new Logger('exec');

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
    const target = execPath(req.url ?? '/');
    if (!target) {
      const path = new URL(req.url ?? '/', 'http://apiserver').pathname;
      return reject(socket, failure(400, 'BadRequest', `kubesim does not serve a ${req.headers.upgrade} stream at ${path}`));
    }
    try {
      const pod = this.cluster.store.get({ kind: 'Pod', namespace: target.namespace, name: target.name }) as Pod | undefined;
      if (!pod) throw podNotFound(target.name);
      const opts = execOptions(target.query);
      checkExecTarget(pod);
      const container = execContainer(pod, opts.container);
      const protocol = pickProtocol(String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim()));
      if (String(req.headers.upgrade).toLowerCase() !== 'websocket' || !protocol) {
        return reject(socket, failure(400, 'BadRequest', `kubesim streams exec over WebSocket only (${EXEC_PROTOCOLS.join(', ')}), not ${req.headers.upgrade}`));
      }
      const q = target.query;
      const streams = { stdin: isTrue(q.stdin), stdout: isTrue(q.stdout), stderr: isTrue(q.stderr), tty: isTrue(q.tty) };
      // v4 cannot say "stdin is done" but by hanging up, and then the output has nowhere to go.
      if (streams.stdin && protocol !== 'v5.channel.k8s.io') return reject(socket, failure(400, 'BadRequest', 'exec with stdin needs the v5.channel.k8s.io subprotocol (v4 cannot close stdin)'));
      this.wss.handleUpgrade(req, socket, head, (ws) => void this.session(ws, protocol, pod, { ...opts, container }, streams));
    } catch (e) {
      if (e instanceof ContainerNotFound) return rejectText(socket, 404, e.message);
      return reject(socket, toStatus(e));
    }
  }

  private async session(ws: WebSocket, protocol: ExecProtocol, pod: Pod, opts: ExecOptions, streams: { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean }) {
    // A protocol error (an unmasked frame, a frame over maxPayload …) ends this session, not the apiserver.
    ws.on('error', (e) => {
      this.logger.debug(`exec stream of ${pod.metadata.namespace}/${pod.metadata.name}: ${e.message}`);
      ws.terminate();
    });
    const stdin = await readStdin(ws, protocol, streams.stdin);
    if (ws.readyState !== ws.OPEN) return;
    try {
      const r = await runExec(this.log.nc, pod, stdin === undefined ? opts : { ...opts, stdin });
      // With a TTY there is one output stream: what the program wrote to stderr shows on it too.
      const out = streams.tty ? r.stdout + r.stderr : r.stdout;
      if (streams.stdout && out) ws.send(frame(CHANNEL.stdout, out));
      if (streams.stderr && !streams.tty && r.stderr) ws.send(frame(CHANNEL.stderr, r.stderr));
      ws.send(frame(CHANNEL.error, JSON.stringify(exitStatus(opts.command, r.exitCode))));
    } catch (e) {
      const status = toStatus(e);
      this.logger.warn(`exec in ${pod.metadata.namespace}/${pod.metadata.name}: ${status.message}`);
      ws.send(frame(CHANNEL.error, JSON.stringify(status)));
    }
    ws.close(1000);
  }
}

/** Collects stdin until the client closes it (v5's close channel) or hangs up; undefined without stdin. */
function readStdin(ws: WebSocket, protocol: ExecProtocol, wanted: boolean): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let received = 0;
  return new Promise((resolve) => {
    const done = () => resolve(wanted ? Buffer.concat(chunks).toString('utf8') : undefined);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return;
      const f = parseClientFrame(data, protocol);
      if (f.kind === 'stdin') {
        chunks.push(f.data);
        received += f.data.length;
        if (received > MAX_STDIN_BYTES) ws.close(1009, 'stdin too large');
      }
      if (f.kind === 'close' && f.channel === CHANNEL.stdin) done();
    });
    ws.on('close', done);
    if (!wanted) done();
  });
}

function rejectText(socket: Duplex, code: number, body: string, contentType = 'text/plain; charset=utf-8') {
  const bytes = Buffer.from(body, 'utf8');
  socket.end(`HTTP/1.1 ${code} ${STATUS_CODES[code]}\r\nContent-Type: ${contentType}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n${body}`);
}

function reject(socket: Duplex, status: { code: number }) {
  rejectText(socket, status.code, JSON.stringify(status), 'application/json');
}
