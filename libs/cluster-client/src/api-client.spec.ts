import { INTERNAL_COMMAND_NAMES, INTERNAL_COMMANDS } from '@kubesim/core';
import type { ClientProxy } from '@nestjs/microservices';
import { of } from 'rxjs';
import { ApiClient } from './api-client';

/** A ClientProxy that records what would go on the wire. */
function recordingProxy() {
  const sent: { subject: string; payload: unknown }[] = [];
  const proxy = { send: (subject: string, payload: unknown) => (sent.push({ subject, payload }), of({ ok: true, resourceVersion: '1' })), close: async () => undefined };
  return { proxy: proxy as unknown as ClientProxy, sent };
}

describe('ApiClient: one typed method per internal command', () => {
  it.each(INTERNAL_COMMAND_NAMES)('%s sends to its subject, as the client', async (name) => {
    const { proxy, sent } = recordingProxy();
    const api = new ApiClient(proxy, 'kubelet/node-1');
    const method = api[name] as (r: object) => Promise<unknown>;
    expect(await method({ name: 'x' })).toEqual({ ok: true, resourceVersion: '1' });
    expect(sent).toEqual([{ subject: INTERNAL_COMMANDS[name].subject, payload: { by: 'kubelet/node-1', name: 'x' } }]);
  });

  it('a caller may speak for another component (by)', async () => {
    const { proxy, sent } = recordingProxy();
    await new ApiClient(proxy, 'kubesim').deletePod({ namespace: 'default', name: 'web', by: 'user:kubesim' });
    expect(sent[0].payload).toEqual({ by: 'user:kubesim', namespace: 'default', name: 'web' });
  });
});
