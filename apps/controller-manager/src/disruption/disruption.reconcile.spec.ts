import type { OwnerReference, Pod, PodDisruptionBudget } from '@kubesim/api';
import type { Lookup } from './expected-scale';
import { reconcileDisruptionBudget } from './disruption.reconcile';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const T = '2026-01-01T00:10:00Z';
const rsRef: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-uid', controller: true };
const pod = (name: string, o: { ready?: boolean; deleting?: boolean; owner?: OwnerReference | null; labels?: Record<string, string> } = {}) =>
  ({
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: o.labels ?? { app: 'web' }, ...(o.owner === null ? {} : { ownerReferences: [o.owner ?? rsRef] }), ...(o.deleting ? { deletionTimestamp: T } : {}) },
    spec: { containers: [] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  }) as unknown as Pod;
const pdb = (spec: Partial<PodDisruptionBudget['spec']>, status: Partial<PodDisruptionBudget['status']> = {}, generation = 1) =>
  ({
    metadata: { name: 'web-pdb', namespace: 'default', generation, resourceVersion: '5' },
    spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, ...status },
  }) as PodDisruptionBudget;

/** A Deployment `web` of `replicas`, through its ReplicaSet web-abc. */
const deployment = (replicas: number): Lookup => (kind, _ns, name) => {
  if (kind === 'ReplicaSet' && name === 'web-abc') return { metadata: { uid: 'rs-uid', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-uid', controller: true }] }, spec: { replicas: 99 } };
  if (kind === 'Deployment' && name === 'web') return { metadata: { uid: 'dep-uid' }, spec: { replicas } };
  return undefined;
};
const ctx = (lookup: Lookup = deployment(3)) => ({ now: NOW, timeScale: 1, lookup });
const three = [pod('web-1'), pod('web-2'), pod('web-3')];

describe('the disruption controller', () => {
  it('given minAvailable 2 and three Ready pods, then 1 disruption allowed, SufficientPods, the generation observed', () => {
    const plan = reconcileDisruptionBudget(pdb({ minAvailable: 2 }), three, ctx());
    expect(plan.status).toEqual({
      observedGeneration: 1,
      disruptionsAllowed: 1,
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1, lastTransitionTime: T }],
    });
  });

  it('given an integer minAvailable, then expectedPods is the matching pods, not the controller scale', () =>
    expect(reconcileDisruptionBudget(pdb({ minAvailable: 1 }), three.slice(0, 2), ctx(deployment(5))).status).toMatchObject({ expectedPods: 2, desiredHealthy: 1, disruptionsAllowed: 1 }));

  it('given minAvailable 50%, then expectedPods is the Deployment scale (through its ReplicaSet) and desired rounds up', () =>
    expect(reconcileDisruptionBudget(pdb({ minAvailable: '50%' }), three, ctx(deployment(5))).status).toMatchObject({ expectedPods: 5, desiredHealthy: 3, currentHealthy: 3, disruptionsAllowed: 0 }));

  it('given maxUnavailable 25% of 3, then desired = 3 − ceil(0.75) = 2', () => expect(reconcileDisruptionBudget(pdb({ maxUnavailable: '25%' }), three, ctx()).status).toMatchObject({ expectedPods: 3, desiredHealthy: 2, disruptionsAllowed: 1 }));

  it('given a ReplicaSet of no Deployment, then its own replicas', () =>
    expect(reconcileDisruptionBudget(pdb({ maxUnavailable: 1 }), three, ctx((kind) => (kind === 'ReplicaSet' ? { metadata: { uid: 'rs-uid' }, spec: { replicas: 4 } } : undefined))).status).toMatchObject({ expectedPods: 4, desiredHealthy: 3 }));

  it('given a pod being deleted, one not Ready and one just evicted, then none of them is healthy and the eviction is kept', () => {
    const plan = reconcileDisruptionBudget(pdb({ minAvailable: 2 }, { disruptedPods: { 'web-3': '2026-01-01T00:09:30Z' } }), [pod('web-1', { deleting: true }), pod('web-2', { ready: false }), pod('web-3'), pod('web-4')], ctx(deployment(4)));
    expect(plan.status).toMatchObject({ currentHealthy: 1, disruptionsAllowed: 0, disruptedPods: { 'web-3': '2026-01-01T00:09:30Z' } });
    expect(plan.status?.conditions?.[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    expect(plan.recheckAt).toBe(Date.parse('2026-01-01T00:11:30Z'));
  });

  it('given an eviction older than 2 minutes whose pod still exists, then it is dropped with NotDeleted on the pod (namespace printed twice, as upstream)', () => {
    const plan = reconcileDisruptionBudget(pdb({ minAvailable: 2 }, { disruptedPods: { 'web-3': '2026-01-01T00:07:00Z' } }), three, ctx());
    expect(plan.status?.disruptedPods).toBeUndefined();
    expect(plan.status?.currentHealthy).toBe(3);
    expect(plan.events).toEqual([{ on: { pod: 'web-3' }, type: 'Warning', reason: 'NotDeleted', message: "Pod was expected by PDB default/default to be deleted but it wasn't" }]);
  });

  it('given no matching pods, then NoPods and nothing allowed (expectedPods 0)', () => {
    const plan = reconcileDisruptionBudget(pdb({ minAvailable: 0 }), [pod('db-1', { labels: { app: 'db' } })], ctx());
    expect(plan.status).toMatchObject({ expectedPods: 0, disruptionsAllowed: 0 });
    expect(plan.events).toEqual([{ on: 'pdb', type: 'Normal', reason: 'NoPods', message: 'No matching pods found' }]);
  });

  it('given a percent and a pod with no controller, then UnmanagedPods with the selector as Go prints it', () => {
    const plan = reconcileDisruptionBudget(pdb({ maxUnavailable: '50%' }), [pod('solo', { owner: null })], ctx());
    expect(plan.events.map((e) => e.reason)).toEqual(['UnmanagedPods']);
    expect(plan.events[0].message).toContain('(selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},})');
  });

  it('given a percent and a controller that cannot be found, then SyncFailed, nothing allowed, and CalculateExpectedPodCountFailed', () => {
    const plan = reconcileDisruptionBudget(pdb({ minAvailable: '50%' }, { disruptionsAllowed: 1, observedGeneration: 1 }), three, ctx(() => undefined));
    expect(plan.status).toMatchObject({ disruptionsAllowed: 0, conditions: [{ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: 'found no controllers for pod "web-1"' }] });
    expect(plan.events).toEqual([{ on: 'pdb', type: 'Warning', reason: 'CalculateExpectedPodCountFailed', message: 'Failed to calculate the number of expected pods: found no controllers for pod "web-1"' }]);
  });

  it('given a status already up to date, then nothing is written and no event repeated', () => {
    const first = reconcileDisruptionBudget(pdb({ minAvailable: 2 }), three, ctx());
    const again = reconcileDisruptionBudget(pdb({ minAvailable: 2 }, first.status), three, { ...ctx(), now: NOW + 60_000 });
    expect(again).toEqual({ events: [] });
  });

  it('given a nil selector, then no pods; an empty one, every pod of the namespace', () => {
    expect(reconcileDisruptionBudget(pdb({ minAvailable: 1, selector: null }), three, ctx()).status?.expectedPods).toBe(0);
    expect(reconcileDisruptionBudget(pdb({ minAvailable: 1, selector: {} }), [...three, pod('db', { labels: { app: 'db' } })], ctx()).status?.expectedPods).toBe(4);
  });
});
