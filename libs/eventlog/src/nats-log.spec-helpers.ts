import { startNatsServer, type NatsServerHandle } from '@kubesim/testing';
import type { NatsConnection } from 'nats';
import { EventLog } from './event-log';
import { connectNats } from './nats-connection';

export interface NatsLogFixture {
  nats: NatsServerHandle;
  nc: NatsConnection;
  log: EventLog;
}

/** A real nats-server and an open event log for the enclosing `describe` (started before, stopped after). */
export function withNatsLog(): NatsLogFixture {
  const f = {} as NatsLogFixture;
  beforeAll(async () => {
    f.nats = await startNatsServer();
    f.nc = await connectNats(f.nats.url, 'test');
    f.log = await EventLog.open(f.nc);
  });
  afterAll(async () => {
    await f.nc?.close();
    await f.nats?.stop();
  });
  return f;
}
