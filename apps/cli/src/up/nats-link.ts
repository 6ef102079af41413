import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A kubelet's network cable: a TCP relay between one kubelet and nats-server, owned by
 * `kubesim up`. `cut()` drops every connection and refuses new ones, so the kubelet process keeps
 * running (and its containers with it) but cannot reach NATS; `heal()` lets it reconnect. That is
 * a real partition as the kubelet sees it: its NATS client loses the server and keeps retrying.
 */
export class NatsLink {
  private server?: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private cutOff = false;

  constructor(private readonly natsPort: number) {}

  get partitioned(): boolean {
    return this.cutOff;
  }

  /** Listens on a free loopback port; resolves with it. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = createServer((client) => this.accept(client));
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        this.server = server;
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  }

  private accept(client: Socket) {
    if (this.cutOff) return void client.destroy();
    const upstream = connect({ port: this.natsPort, host: '127.0.0.1' });
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    // No Nagle on a relay: NATS request/reply is small messages, and Nagle plus delayed ACKs
    // would add ~40 ms to every round trip.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  cut(): void {
    this.cutOff = true;
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  heal(): void {
    this.cutOff = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
