import type { Pod } from '@kubesim/api';
import type { ApiClient } from '@kubesim/cluster-client';
import { aNode } from '@kubesim/testing';
import { withApiserver } from '../apiserver.spec-helpers';

/** POST pods/NAME/eviction, as `kubectl drain` sends it. */
describe('the Eviction API', () => {
  const env = withApiserver();
  let kubelet: ApiClient;
  const pods = `/api/v1/namespaces/default/pods`;
  const pod = async (name: string) => (await (await fetch(`${env.base}${pods}/${name}`)).json()) as Pod;
  const evict = (name: string, deleteOptions?: object) =>
    fetch(`${env.base}${pods}/${name}/eviction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' }, ...(deleteOptions ? { deleteOptions } : {}) }),
    });
  const runningPod = async (name: string) => {
    const created = await fetch(`${env.base}${pods}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'nginx' }] } }) });
    const p = (await created.json()) as Pod;
    expect((await kubelet.bindPod({ namespace: 'default', name, uid: p.metadata.uid, node: 'node-1' })).ok).toBe(true);
    return p;
  };
  beforeAll(async () => {
    kubelet = env.client('default-scheduler');
    expect((await kubelet.registerNode({ node: aNode('node-1') })).ok).toBe(true);
  });

  it('marks the pod DisruptionTarget (EvictionByEvictionAPI) and then deletes it gracefully, both recorded with the eviction as cause', async () => {
    await runningPod('web');
    const r = await evict('web');
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    const p = await pod('web');
    expect(p.metadata.deletionTimestamp).toBeDefined();
    expect(p.status.conditions).toContainEqual({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting', lastProbeTime: null, lastTransitionTime: expect.stringMatching(/Z$/) });
    const [marked, deleting] = (await env.log.readAll()).slice(-2).map((x) => x.record.events[0]);
    expect(marked).toMatchObject({ type: 'PodConditionSet', name: 'web', cause: 'evicted through the Eviction API' });
    expect(deleting).toMatchObject({ type: 'PodDeletionRequested', name: 'web', gracePeriodSeconds: 30, cause: 'evicted through the Eviction API' });
  });

  it('refuses a stale uid precondition with 409 and changes nothing', async () => {
    await runningPod('db');
    const seq = await env.log.lastSeq();
    const r = await evict('db', { preconditions: { uid: 'not-its-uid' } });
    expect(r.status).toBe(409);
    expect(await env.log.lastSeq()).toBe(seq);
    expect((await pod('db')).status.conditions ?? []).not.toContainEqual(expect.objectContaining({ type: 'DisruptionTarget' }));
  });

  it('answers 404 for a pod that does not exist', async () => {
    const r = await evict('ghost');
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'pods "ghost" not found' });
  });
});
