import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 now (the OS picks it), for a cluster or nats-server the CLI starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** The first port of `from`, `from + 1` … (at most `count`) nobody listens on, else one the OS picks. */
export async function firstFreePort(from: number, count = 20): Promise<number> {
  for (let p = from; p < from + count; p++) {
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return p;
  }
  return freePort();
}
