import { natsServers } from './nats-connection';

describe('the servers a component is given', () => {
  it('one URL, or every server of a cluster comma-separated (spaces and empty entries ignored)', () => {
    expect(natsServers('nats://127.0.0.1:4222')).toEqual(['nats://127.0.0.1:4222']);
    expect(natsServers('nats://a:4222, nats://b:4222,,nats://c:4222')).toEqual(['nats://a:4222', 'nats://b:4222', 'nats://c:4222']);
  });
});
