import type { INestApplication } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { ApiClient } from '@kubesim/cluster-client';
import { connectNats, EventLog } from '@kubesim/eventlog';
import { startNatsServer, type NatsServerHandle } from '@kubesim/testing';
import type { NatsConnection } from 'nats';
import type { AddressInfo } from 'node:net';
import { startApiserver } from './apiserver';
import { ApiserverConfig } from './config/apiserver.config';

export interface ApiserverFixture {
  nats: NatsServerHandle;
  app: INestApplication;
  /** `http://127.0.0.1:<port>` of the REST API. */
  base: string;
  nc: NatsConnection;
  log: EventLog;
  /** A NATS API client writing as `by` (call it in a hook or test, once the fixture started), closed with the fixture. */
  client(by: string): ApiClient;
}

/**
 * A real nats-server and an in-process apiserver for the enclosing `describe` (started before,
 * stopped after), with a NATS connection and the event log to look at.
 */
export function withApiserver(config: Partial<ApiserverConfig> = {}): ApiserverFixture {
  const clients: ApiClient[] = [];
  const f = {
    client(by: string) {
      const c = new ApiClient(ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [f.nats.url] } }), by);
      clients.push(c);
      return c;
    },
  } as ApiserverFixture;
  beforeAll(async () => {
    f.nats = await startNatsServer();
    f.app = await startApiserver(Object.assign(new ApiserverConfig(), { natsUrl: f.nats.url, port: 0, logLevel: 'error', disableAdmissionPlugins: 'ServiceAccount' }, config));
    f.base = `http://127.0.0.1:${(f.app.getHttpServer().address() as AddressInfo).port}`;
    f.nc = await connectNats(f.nats.url, 'test');
    f.log = await EventLog.open(f.nc);
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await f.nc?.close();
    await f.app?.close();
    await f.nats?.stop();
  });
  return f;
}
