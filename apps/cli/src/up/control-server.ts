import { existsSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { NodeRequest } from './node-manager';

/**
 * How `kubesim node start|stop|partition|heal|add` reach the running `kubesim up`: a unix socket
 * `<data-dir>/control.sock`; one JSON request per connection, one JSON reply
 * (`{ ok: true, message }` or `{ ok: false, error }`).
 */
export const controlSocket = (dataDir: string) => join(dataDir, 'control.sock');

export type ControlReply = { ok: true; message: string } | { ok: false; error: string };

export function serveControl(path: string, handle: (r: NodeRequest) => Promise<string>): Promise<Server> {
  if (existsSync(path)) unlinkSync(path); // left by a `kubesim up` that was killed
  const server = createServer((s) => {
    let buf = '';
    s.setEncoding('utf8');
    s.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      let reply: Promise<ControlReply>;
      try {
        const request = JSON.parse(buf.slice(0, nl)) as NodeRequest;
        reply = handle(request).then(
          (message): ControlReply => ({ ok: true, message }),
          (e: unknown): ControlReply => ({ ok: false, error: e instanceof Error ? e.message : String(e) }),
        );
      } catch {
        reply = Promise.resolve({ ok: false, error: 'malformed request' });
      }
      void reply.then((r) => s.end(JSON.stringify(r) + '\n'));
    });
    s.on('error', () => undefined);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve(server));
  });
}

/** The client side, for the CLI. */
export function sendControl(path: string, request: NodeRequest, timeoutMs = 30_000): Promise<ControlReply> {
  return new Promise((resolve, reject) => {
    if (!existsSync(path)) return reject(new Error(`no running cluster found (${path} is missing): start one with 'kubesim up' (or pass --data-dir)`));
    const s = connect(path, () => s.write(JSON.stringify(request) + '\n'));
    let buf = '';
    s.setEncoding('utf8');
    s.setTimeout(timeoutMs, () => (s.destroy(), reject(new Error(`kubesim up did not answer within ${timeoutMs / 1000}s`))));
    s.on('data', (d) => (buf += d));
    s.on('end', () => {
      try {
        resolve(JSON.parse(buf) as ControlReply);
      } catch {
        reject(new Error('kubesim up sent a malformed reply'));
      }
    });
    s.on('error', (e: NodeJS.ErrnoException) => reject(Object.assign(new Error(`cannot reach kubesim up through ${path}: ${e.message}`), { code: e.code })));
  });
}
