import { startNatsServer, type NatsServerHandle } from '@kubesim/testing';
import type { NatsConnection } from 'nats';
import { Leases } from './leases';
import { connectNats } from './nats-connection';

const lease = (renewTime: string) => ({ holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime });

describe('Leases across a nats-server crash', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connectNats(nats.url, 'test');
  });
  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it('a watcher promptly keeps seeing renewals after kill -9 and restart', async () => {
    const leases = await Leases.open(nc);
    const seen: string[] = [];
    const stop = await leases.watch((_node, l) => seen.push(l.renewTime));
    await leases.renew('node-1', lease('t1'));
    await vi.waitFor(() => expect(seen).toContain('t1'));
    await nats.kill();
    await nats.restart();
    await vi.waitFor(() => leases.renew('node-1', lease('t2')), { timeout: 15_000, interval: 250 });
    // Promptly: a watch that waits for missed heartbeats takes ~10 s, more than a scaled lease grace.
    await vi.waitFor(() => expect(seen).toContain('t2'), { timeout: 2_000, interval: 100 });
    expect((await leases.get('node-1'))?.renewTime).toBe('t2');
    stop();
  });
});
