import type { Node } from '@kubesim/api';
import type { ApiClient } from '@kubesim/cluster-client';
import { aNode } from '@kubesim/testing';
import { withApiserver } from '../apiserver.spec-helpers';

/** What-if (issue 5): `kubesim up` records a user's `kubesim node …` through the apiserver. */
describe('recording node process actions (kubesim.api.nodes.process)', () => {
  const env = withApiserver({ timeScale: 0.1 });
  let user: ApiClient;
  let kubelet: ApiClient;
  beforeAll(() => {
    user = env.client('user:kubesim');
    kubelet = env.client('kubelet/node-2');
  });
  const node = async (name: string) => (await (await fetch(`${env.base}/api/v1/nodes/${name}`)).json()) as Node;

  it('appends a NodeProcessAction on the Node’s subject; the Node is unchanged but for its resourceVersion, and later writes to it still succeed', async () => {
    expect((await kubelet.registerNode({ node: aNode('node-2') })).ok).toBe(true);
    const before = await node('node-2');
    const r = await user.recordNodeProcessAction({ name: 'node-2', action: 'kill', cause: 'kubesim node kill node-2' });
    expect(r).toMatchObject({ ok: true });
    const last = (await env.log.readAll()).at(-1)!;
    expect(last.subject).toBe('ks.node._.node-2');
    expect(last.record.events).toEqual([expect.objectContaining({ type: 'NodeProcessAction', name: 'node-2', action: 'kill', by: 'user:kubesim', cause: 'kubesim node kill node-2', timeScale: 0.1 })]);
    const after = await node('node-2');
    expect(after).toEqual({ ...before, metadata: { ...before.metadata, resourceVersion: String(last.seq) } });
    expect((await user.setNodeUnschedulable({ name: 'node-2', unschedulable: true })).ok).toBe(true);
  });

  it('records the add of a node that has not registered yet; its registration follows', async () => {
    expect((await user.recordNodeProcessAction({ name: 'node-4', action: 'add', node: { cpu: '2' } })).ok).toBe(true);
    expect((await env.client('kubelet/node-4').registerNode({ node: aNode('node-4') })).ok).toBe(true);
    expect((await node('node-4')).metadata.name).toBe('node-4');
  });

  it('refuses an unknown action with a 400-style reply, and writes nothing', async () => {
    const seq = await env.log.lastSeq();
    const r = await user.recordNodeProcessAction({ name: 'node-2', action: 'explode' as never });
    expect(r).toMatchObject({ ok: false, status: { code: 400, reason: 'BadRequest' } });
    expect(await env.log.lastSeq()).toBe(seq);
  });

  it.each([
    ['a field the options do not have', { cpu: '2', gpus: 4 }, 'node.property gpus should not exist'],
    ['a number where a string belongs', { cpu: 2 }, 'node.cpu must be a string'],
  ])('refuses node add options with %s, naming the field, and writes nothing', async (_case, node, message) => {
    const seq = await env.log.lastSeq();
    const r = await user.recordNodeProcessAction({ name: 'node-9', action: 'add', node: node as never });
    expect(r).toMatchObject({ ok: false, status: { code: 400, reason: 'BadRequest' } });
    expect(JSON.stringify(r)).toContain(message);
    expect(await env.log.lastSeq()).toBe(seq);
  });
});
