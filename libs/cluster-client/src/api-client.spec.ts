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
  it.each(INTERNAL_COMMAND_NAMES)('%s sends to its subject for the client’s principal (a kubelet: its node)', async (name) => {
    const { proxy, sent } = recordingProxy();
    const api = new ApiClient(proxy, 'kubelet/node-1');
    const method = api[name] as (r: object) => Promise<unknown>;
    expect(await method({ name: 'x' })).toEqual({ ok: true, resourceVersion: '1' });
    expect(sent).toEqual([{ subject: `${INTERNAL_COMMANDS[name].subject}.node.node-1`, payload: { by: 'kubelet/node-1', name: 'x' } }]);
  });

  it.each([
    ['default-scheduler', 'scheduler'],
    ['replicaset-controller', 'controller-manager'],
    ['user:kubesim', 'user'],
    ['kubelet/node-1.example', 'node.node-1%2Eexample'],
  ])('%s publishes as …%s', async (by, tail) => {
    const { proxy, sent } = recordingProxy();
    await new ApiClient(proxy, by).recordEvent({ involvedObject: { kind: 'Pod', name: 'web' }, reason: 'R', message: 'm', type: 'Normal', component: 'c' });
    expect(sent[0].subject).toBe(`kubesim.api.events.record.${tail}`);
  });

  it('as(): a pool writes for each of its nodes on that node’s subjects', async () => {
    const { proxy, sent } = recordingProxy();
    await new ApiClient(proxy, 'kubelet-pool/pool-1').as('kubelet/node-7').setNodeCondition({ name: 'node-7', condition: {} as never });
    expect(sent[0].subject).toBe('kubesim.api.nodes.condition.node.node-7');
  });

  it('a caller may speak for another component (by)', async () => {
    const { proxy, sent } = recordingProxy();
    await new ApiClient(proxy, 'kubesim').deletePod({ namespace: 'default', name: 'web', by: 'user:kubesim' });
    expect(sent[0].payload).toEqual({ by: 'user:kubesim', namespace: 'default', name: 'web' });
  });
});
