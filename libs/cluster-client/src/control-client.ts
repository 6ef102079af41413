import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

/**
 * How `kubesim node start|stop|kill|partition|heal|add` (and the dashboard) reach the running
 * `kubesim up`: a unix socket `<data-dir>/control.sock`; one JSON request per connection, one JSON
 * reply (`{ ok: true, message }` or `{ ok: false, error }`). The server is `kubesim up`'s.
 */
export const controlSocket = (dataDir: string) => join(dataDir, 'control.sock');

export type ControlReply = { ok: true; message: string } | { ok: false; error: string };

/** What can be asked of a node's kubelet process (`add` carries the node's settings too; `kill-pool` names a kubelet pool). */
export type NodeProcessOp = 'start' | 'stop' | 'kill' | 'partition' | 'heal' | 'add' | 'kill-pool';

export function sendControl(path: string, request: { op: NodeProcessOp; name: string }, timeoutMs = 30_000): Promise<ControlReply> {
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
