import type { Pod } from '@kubesim/api';
import type { ApiClient } from '@kubesim/cluster-client';
import { aNode } from '@kubesim/testing';
import { withApiserver } from '../apiserver.spec-helpers';

/** POST pods/NAME/eviction, as `kubectl drain` sends it. */
describe('the Eviction API', () => {
  const env = withApiserver();
  let kubelet: ApiClient;
  let scheduler: ApiClient;
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
    expect((await scheduler.bindPod({ namespace: 'default', name, uid: p.metadata.uid, node: 'node-1' })).ok).toBe(true);
    return p;
  };
  beforeAll(async () => {
    scheduler = env.client('default-scheduler');
    kubelet = env.client('kubelet/node-1');
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

  it('a server-side dry run in deleteOptions (kubectl drain --dry-run=server) answers as an eviction would and changes nothing', async () => {
    await runningPod('dry');
    const seq = await env.log.lastSeq();
    const r = await evict('dry', { dryRun: ['All'] });
    expect(r.status).toBe(201);
    expect(await env.log.lastSeq()).toBe(seq);
    expect((await pod('dry')).metadata.deletionTimestamp).toBeUndefined();
  });

  it('answers 404 for a pod that does not exist', async () => {
    const r = await evict('ghost');
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'pods "ghost" not found' });
  });
  describe('with a PodDisruptionBudget', () => {
    const pdbs = '/apis/policy/v1/namespaces/default/poddisruptionbudgets';
    const ready = async (name: string, labels: Record<string, string>) => {
      const created = await fetch(`${env.base}${pods}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'app', image: 'nginx' }] } }) });
      const p = (await created.json()) as Pod;
      expect((await scheduler.bindPod({ namespace: 'default', name, uid: p.metadata.uid, node: 'node-1' })).ok).toBe(true);
      const status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }] };
      expect((await kubelet.reportPodStatus({ namespace: 'default', name, uid: p.metadata.uid, node: 'node-1', status } as never)).ok).toBe(true);
    };
    const budget = async (name: string, app: string, status: object) => {
      const r = await fetch(`${env.base}${pdbs}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { minAvailable: 2, selector: { matchLabels: { app } } } }) });
      expect(r.status).toBe(201);
      const controller = env.client('disruption-controller');
      expect((await controller.updateObjectStatus({ kind: 'PodDisruptionBudget', namespace: 'default', name, status: { observedGeneration: 1, ...status } as never })).ok).toBe(true);
    };

    it('given one disruption allowed, when two evictions race, then one passes (201) and the other gets 429 with the budget in its causes', async () => {
      for (const n of ['race-1', 'race-2', 'race-3']) await ready(n, { app: 'race' });
      await budget('my-pdb', 'race', { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
      const [a, b] = await Promise.all([evict('race-1'), evict('race-2')]);
      expect([a.status, b.status].sort()).toEqual([201, 429]);
      const refused = await (a.status === 429 ? a : b).json();
      expect(refused).toEqual({
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'TooManyRequests', code: 429,
        message: "Cannot evict pod as it would violate the pod's disruption budget.",
        details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget my-pdb needs 2 healthy pods and has 3 currently' }] },
      });
      const pdb = await (await fetch(`${env.base}${pdbs}/my-pdb`)).json();
      expect(pdb.status.disruptionsAllowed).toBe(0);
      expect(Object.keys(pdb.status.disruptedPods)).toEqual([a.status === 201 ? 'race-1' : 'race-2']);
      expect((await pod(a.status === 201 ? 'race-1' : 'race-2')).metadata.deletionTimestamp).toBeDefined();
      expect((await pod(a.status === 201 ? 'race-2' : 'race-1')).metadata.deletionTimestamp).toBeUndefined();
    });

    it('given a budget changed since the controller last saw it, then 429 with Retry-After: 10 "still being processed"', async () => {
      const patched = await fetch(`${env.base}${pdbs}/my-pdb`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ spec: { minAvailable: 1 } }) });
      expect((await patched.json()).metadata.generation).toBe(2);
      const left = (await pod('race-1')).metadata.deletionTimestamp ? 'race-2' : 'race-1';
      const r = await evict(left);
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('10');
      expect((await r.json()).details).toEqual({ retryAfterSeconds: 10, causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget my-pdb is still being processed by the server.' }] });
    });

    it('given a status written over a stale resourceVersion, then 409 (the controller retries on its next sync)', async () => {
      const pdb = await (await fetch(`${env.base}${pdbs}/my-pdb`)).json();
      const r = await env.client('disruption-controller').updateObjectStatus({ kind: 'PodDisruptionBudget', namespace: 'default', name: 'my-pdb', status: pdb.status, resourceVersion: '1' } as never);
      expect(r.ok ? 200 : r.status.code).toBe(409);
    });

    it('given no disruption allowed, a pod that is not Ready is let go under AlwaysAllow without touching the budget, and refused under IfHealthyBudget', async () => {
      for (const [name, app, policy] of [['sick-a', 'sick-a', 'AlwaysAllow'], ['sick-b', 'sick-b', 'IfHealthyBudget']] as const) {
        const created = await fetch(`${env.base}${pods}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } }) });
        const p = (await created.json()) as Pod;
        expect((await scheduler.bindPod({ namespace: 'default', name, uid: p.metadata.uid, node: 'node-1' })).ok).toBe(true);
        const status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }] };
        expect((await kubelet.reportPodStatus({ namespace: 'default', name, uid: p.metadata.uid, node: 'node-1', status } as never)).ok).toBe(true);
        const r = await fetch(`${env.base}${pdbs}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: app }, spec: { minAvailable: 1, selector: { matchLabels: { app } }, unhealthyPodEvictionPolicy: policy } }) });
        expect(r.status).toBe(201);
        expect((await env.client('disruption-controller').updateObjectStatus({ kind: 'PodDisruptionBudget', namespace: 'default', name: app, status: { observedGeneration: 1, disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 1, expectedPods: 1 } as never })).ok).toBe(true);
      }
      expect((await evict('sick-a')).status).toBe(201);
      expect((await pod('sick-a')).metadata.deletionTimestamp).toBeDefined();
      expect((await (await fetch(`${env.base}${pdbs}/sick-a`)).json()).status.disruptedPods).toBeUndefined();
      const refused = await evict('sick-b');
      expect(refused.status).toBe(429);
      expect((await refused.json()).details.causes[0].message).toBe('The disruption budget sick-b needs 1 healthy pods and has 0 currently');
    });

    it('given two budgets selecting the pod, then 500 "more than one PodDisruptionBudget" and the pod stays', async () => {
      await ready('twice', { app: 'twice' });
      await budget('first', 'twice', { disruptionsAllowed: 1, currentHealthy: 1, desiredHealthy: 0, expectedPods: 1 });
      await budget('second', 'twice', { disruptionsAllowed: 1, currentHealthy: 1, desiredHealthy: 0, expectedPods: 1 });
      const r = await evict('twice');
      expect(r.status).toBe(500);
      expect(await r.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.', code: 500 });
      expect((await pod('twice')).metadata.deletionTimestamp).toBeUndefined();
    });
  });
});
