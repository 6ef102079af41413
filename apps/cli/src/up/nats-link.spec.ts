import { connect, createServer, type Server, type Socket } from 'node:net';
import { NatsLink } from './nats-link';

/** An echo server standing in for nats-server. */
async function echo(): Promise<{ server: Server; port: number }> {
  const server = createServer((s) => s.pipe(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, port: (server.address() as { port: number }).port };
}

function talk(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s: Socket = connect({ port, host: '127.0.0.1' }, () => s.write(text));
    s.once('data', (d) => (resolve(String(d)), s.destroy()));
    s.once('close', () => resolve('(closed)'));
    s.once('error', reject);
  });
}

describe('NatsLink', () => {
  let upstream: { server: Server; port: number };
  let link: NatsLink;
  let port: number;

  beforeEach(async () => {
    upstream = await echo();
    link = new NatsLink(upstream.port);
    port = await link.listen();
  });
  afterEach(async () => {
    await link.close();
    await new Promise((r) => upstream.server.close(r));
  });

  it('relays both ways while connected', async () => {
    expect(await talk(port, 'PING')).toBe('PING');
  });

  it('cut: open connections drop and new ones are refused; heal: they work again', async () => {
    const open = connect({ port, host: '127.0.0.1' });
    await new Promise((r) => open.once('connect', r));
    const closed = new Promise((r) => open.once('close', r));
    await new Promise((r) => setTimeout(r, 20));
    link.cut();
    await closed;
    expect(link.partitioned).toBe(true);
    expect(await talk(port, 'PING')).toBe('(closed)');
    link.heal();
    expect(await talk(port, 'PONG')).toBe('PONG');
  });
});
