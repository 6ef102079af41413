import type { INestApplication } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { ApiClient } from '@kubesim/cluster-client';
import { connectNats, EventLog } from '@kubesim/eventlog';
import { startNatsServer, type NatsServerHandle } from '@kubesim/testing';
import type { NatsConnection } from 'nats';
import type { AddressInfo } from 'node:net';
import { startApiserver } from '../apiserver';
import { ApiserverConfig } from '../config/apiserver.config';

/** Time scale 0.001: the default one-hour TTL is 3.6 s. */
const TIME_SCALE = 0.001;

describe('event TTL on a real nats-server: Events go an hour (× time scale) after they were last seen', () => {
  let nats: NatsServerHandle;
  let app: INestApplication;
  let base: string;
  let nc: NatsConnection;
  let log: EventLog;
  let api: ApiClient;

  beforeAll(async () => {
    nats = await startNatsServer();
    app = await startApiserver(Object.assign(new ApiserverConfig(), { natsUrl: nats.url, port: 0, logLevel: 'error', timeScale: TIME_SCALE }));
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    nc = await connectNats(nats.url, 'test');
    log = await EventLog.open(nc);
    api = new ApiClient(ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [nats.url] } }), 'kubelet/node-1');
  });
  afterAll(async () => {
    await api?.close();
    await nc?.close();
    await app?.close();
    await nats?.stop();
  });

  const events = async () => ((await (await fetch(`${base}/api/v1/namespaces/default/events`)).json()) as { items: { metadata: { name: string } }[] }).items;

  it('lists a recorded Event, then expires it with an EventExpired in the log and a DELETED for watchers', async () => {
    const recorded = await api.recordEvent({ involvedObject: { kind: 'Node', name: 'node-1', uid: 'node-1', apiVersion: 'v1' }, reason: 'Starting', message: 'Starting kubelet.', type: 'Normal', component: 'kubelet', host: 'node-1' });
    expect(recorded.ok).toBe(true);
    const [event] = (await events()) as unknown as { metadata: { name: string }; lastTimestamp: string }[];
    expect(event).toBeDefined();

    const watch = await fetch(`${base}/api/v1/namespaces/default/events?watch=1&resourceVersion=${await log.lastSeq()}`);
    const reader = watch.body!.getReader();
    let text = '';
    while (!text.includes('"DELETED"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();

    expect(JSON.parse(text.trim().split('\n').pop()!)).toMatchObject({ type: 'DELETED', object: { kind: 'Event', metadata: { name: event.metadata.name } } });
    expect(await events()).toEqual([]);
    const records = await log.readAll();
    const expiry = records.find((r) => r.record.events.some((e) => e.type === 'EventExpired'));
    expect(expiry?.record.events).toEqual([expect.objectContaining({ type: 'EventExpired', namespace: 'default', name: event.metadata.name, by: 'apiserver', cause: 'event TTL of 3600s ran out' })]);
    // Not before the TTL: 3.6 s after the Event was last seen.
    expect(Date.parse(expiry!.record.events[0].at) - Date.parse(event.lastTimestamp)).toBeGreaterThanOrEqual(3600);
  });
});
