import type { ControlReply } from '@kubesim/cluster-client';
import { existsSync, unlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { NodeRequest } from './node-manager';

/** The server side of `<data-dir>/control.sock` (the client: `sendControl` in @kubesim/cluster-client). */
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
