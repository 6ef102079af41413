import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { loadKubeconfigAuth } from '@kubesim/kube-rest';
import { DashboardConfig } from '../config/dashboard.config';
import type { ShellServerMessage } from './shell-messages';
import { execUrl, fromExecFrame, toExecFrame } from './shell-relay';

const SHELL_PATH = /^\/api\/pods\/([^/]+)\/([^/]+)\/shell$/;

/**
 * The pod story's shell: a WebSocket upgrade of `/api/pods/NS/NAME/shell?container=C`, relayed
 * to the apiserver's streaming exec of `sh` with a TTY (as `kubectl exec -it POD -- sh`), so the
 * browser gets busybox's prompt, the echo and what the commands print, as they come.
 */
@Injectable()
export class ShellGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  private readonly logger = new Logger('shell');

  constructor(
    @Inject(HttpAdapterHost) private readonly host: HttpAdapterHost,
    @Inject(DashboardConfig) private readonly config: DashboardConfig,
  ) {}

  onApplicationBootstrap() {
    const server = this.host.httpAdapter?.getHttpServer() as Server | undefined;
    server?.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const u = new URL(req.url ?? '/', 'http://dashboard');
      const m = SHELL_PATH.exec(u.pathname);
      if (!m) return void socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      const [namespace, name] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
      this.wss.handleUpgrade(req, socket, head, (ws) => this.relay(ws, namespace, name, u.searchParams.get('container') || undefined));
    });
  }

  beforeApplicationShutdown() {
    for (const ws of this.wss.clients) ws.terminate();
  }

  private relay(browser: WebSocket, namespace: string, name: string, container: string | undefined) {
    const send = (m: ShellServerMessage) => browser.readyState === browser.OPEN && browser.send(JSON.stringify(m));
    // With the dashboard's credentials (the kubeconfig's CA and token), as its REST client.
    const auth = this.config.kubeconfig ? loadKubeconfigAuth([this.config.kubeconfig]) : {};
    const api = new WebSocket(execUrl(this.config.server, namespace, name, container), ['v5.channel.k8s.io'], {
      ...(auth.ca ? { ca: auth.ca } : {}),
      ...(auth.cert && auth.key ? { cert: auth.cert, key: auth.key } : {}),
      ...(auth.insecureSkipTlsVerify ? { rejectUnauthorized: false } : {}),
      ...(auth.token ? { headers: { authorization: `Bearer ${auth.token}` } } : {}),
    });
    let ended = false;
    const end = (m: ShellServerMessage & { kind: 'end' }) => {
      if (ended) return;
      ended = true;
      send(m);
      browser.close(1000);
      api.close();
    };
    const typed: Buffer[] = [];
    browser.on('message', (data, isBinary) => {
      const frame = isBinary ? undefined : toExecFrame(data.toString());
      if (!frame) return;
      if (api.readyState === api.OPEN) api.send(frame);
      else typed.push(frame);
    });
    browser.on('close', () => api.close());
    browser.on('error', () => browser.terminate());
    api.on('open', () => {
      for (const f of typed.splice(0)) api.send(f);
    });
    api.on('message', (data: Buffer) => {
      const m = fromExecFrame(data);
      if (m?.kind === 'end') end(m);
      else if (m) send(m);
    });
    // A refusal before the upgrade (no such pod, a completed one): its Status' message.
    api.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => {
        let message = body;
        try {
          message = (JSON.parse(body) as { message?: string }).message ?? body;
        } catch {
          // a plain-text answer (the kubelet's 404)
        }
        end({ kind: 'end', error: message || `HTTP ${res.statusCode}` });
      });
    });
    api.on('error', (e) => {
      this.logger.warn(`shell in ${namespace}/${name}: ${e.message}`);
      end({ kind: 'end', error: e.message });
    });
    api.on('close', () => end({ kind: 'end', error: 'the exec stream closed' }));
  }
}
