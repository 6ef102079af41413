import type { ApiClient } from '@kubesim/cluster-client';
import { withApiserver } from '../apiserver.spec-helpers';

/** Time scale 0.001: the default one-hour TTL is 3.6 s. */
const TIME_SCALE = 0.001;

describe('event TTL on a real nats-server: Events go an hour (× time scale) after they were last seen', () => {
  const env = withApiserver({ timeScale: TIME_SCALE });
  let api: ApiClient;
  beforeAll(() => (api = env.client('kubelet/node-1')));

  const events = async () => ((await (await fetch(`${env.base}/api/v1/namespaces/default/events`)).json()) as { items: { metadata: { name: string } }[] }).items;

  it('lists a recorded Event, then expires it with an EventExpired in the log and a DELETED for watchers', async () => {
    const recorded = await api.recordEvent({ involvedObject: { kind: 'Node', name: 'node-1', uid: 'node-1', apiVersion: 'v1' }, reason: 'Starting', message: 'Starting kubelet.', type: 'Normal', component: 'kubelet', host: 'node-1' });
    expect(recorded.ok).toBe(true);
    const [event] = (await events()) as unknown as { metadata: { name: string }; lastTimestamp: string }[];
    expect(event).toBeDefined();

    const watch = await fetch(`${env.base}/api/v1/namespaces/default/events?watch=1&resourceVersion=${await env.log.lastSeq()}`);
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
    const records = await env.log.readAll();
    const expiry = records.find((r) => r.record.events.some((e) => e.type === 'EventExpired'));
    expect(expiry?.record.events).toEqual([expect.objectContaining({ type: 'EventExpired', namespace: 'default', name: event.metadata.name, by: 'apiserver', cause: 'event TTL of 3600s ran out' })]);
    // Not before the TTL: 3.6 s after the Event was last seen.
    expect(Date.parse(expiry!.record.events[0].at) - Date.parse(event.lastTimestamp)).toBeGreaterThanOrEqual(3600);
  });
});
