import type { Pod, PodDisruptionBudget } from '@kubesim/api';
import { decideEviction, MORE_THAN_ONE_BUDGET, VIOLATES_BUDGET } from './eviction-budget';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const pod = (name: string, o: { phase?: Pod['status']['phase']; ready?: boolean; deleting?: boolean; labels?: Record<string, string> } = {}) =>
  ({
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: o.labels ?? { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
    status: { phase: o.phase ?? 'Running', conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  }) as unknown as Pod;
const pdb = (name: string, status: Partial<PodDisruptionBudget['status']>, spec: Partial<PodDisruptionBudget['spec']> = {}, generation = 1) =>
  ({
    metadata: { name, namespace: 'default', generation, resourceVersion: '7' },
    spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } }, ...spec },
    status: { observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, ...status },
  }) as PodDisruptionBudget;

describe('the eviction subresource and PodDisruptionBudgets', () => {
  it('given a budget allowing one disruption, when a Ready pod is evicted, then the budget is decremented and records the pod', () => {
    const d = decideEviction(pod('web-1'), [pdb('my-pdb', {})], NOW);
    expect(d).toMatchObject({ type: 'decrement', status: { disruptionsAllowed: 0, disruptedPods: { 'web-1': '2026-01-01T00:00:00Z' } } });
    // Reaching 0, the condition turns InsufficientPods at once (UpdateDisruptionAllowedCondition).
    expect(d.type === 'decrement' && d.status.conditions).toEqual([{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', observedGeneration: 1, lastTransitionTime: '2026-01-01T00:00:00Z' }]);
  });

  it('given no disruption allowed, then 429 TooManyRequests with the DisruptionBudget cause and no Retry-After', () => {
    const d = decideEviction(pod('web-2'), [pdb('my-pdb', { disruptionsAllowed: 0, currentHealthy: 2 })], NOW);
    expect(d).toEqual({
      type: 'refuse',
      status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: VIOLATES_BUDGET, reason: 'TooManyRequests', details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget my-pdb needs 2 healthy pods and has 2 currently' }] }, code: 429 },
    });
  });

  it('given a budget whose spec the controller has not seen yet, then 429 retry after 10 s "still being processed"', () => {
    const d = decideEviction(pod('web-1'), [pdb('my-pdb', {}, {}, 2)], NOW);
    expect(d).toMatchObject({ type: 'refuse', status: { code: 429, details: { retryAfterSeconds: 10, causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget my-pdb is still being processed by the server.' }] } } });
  });

  it('given two budgets selecting the pod, then 500 without a reason, as upstream', () => {
    const d = decideEviction(pod('web-1'), [pdb('a', {}), pdb('b', {})], NOW);
    expect(d).toEqual({ type: 'refuse', status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: MORE_THAN_ONE_BUDGET, code: 500 } });
  });

  it.each([
    ['Pending', pod('p', { phase: 'Pending' })],
    ['Succeeded', pod('p', { phase: 'Succeeded' })],
    ['Failed', pod('p', { phase: 'Failed' })],
    ['being deleted', pod('p', { deleting: true })],
  ])('given a %s pod, then it is deleted without looking at budgets (even two)', (_, p) => expect(decideEviction(p, [pdb('a', { disruptionsAllowed: 0 }), pdb('b', {})], NOW)).toEqual({ type: 'delete', why: 'ignores-budgets' }));

  it('given budgets that do not select the pod (other labels, an empty selector), then it is deleted', () =>
    expect(decideEviction(pod('p', { labels: { app: 'db' } }), [pdb('a', { disruptionsAllowed: 0 }), pdb('b', { disruptionsAllowed: 0 }, { selector: {} })], NOW)).toEqual({ type: 'delete', why: 'no-budget' }));

  describe('a pod that is not Ready', () => {
    const unready = pod('sick', { ready: false });
    it('IfHealthyBudget (unset): let go without touching the budget while the budget is met', () => expect(decideEviction(unready, [pdb('a', { disruptionsAllowed: 0, currentHealthy: 2 })], NOW)).toEqual({ type: 'delete', why: 'unhealthy-pod' }));
    it('IfHealthyBudget: counted against the budget when it is not met', () =>
      expect(decideEviction(unready, [pdb('a', { disruptionsAllowed: 0, currentHealthy: 1 }, { unhealthyPodEvictionPolicy: 'IfHealthyBudget' })], NOW)).toMatchObject({ type: 'refuse', status: { code: 429 } }));
    it('AlwaysAllow: let go even when the budget is not met', () =>
      expect(decideEviction(unready, [pdb('a', { disruptionsAllowed: 0, currentHealthy: 1 }, { unhealthyPodEvictionPolicy: 'AlwaysAllow' })], NOW)).toEqual({ type: 'delete', why: 'unhealthy-pod' }));
  });

  it('given a negative disruptionsAllowed, then 403 as upstream words it', () =>
    expect(decideEviction(pod('p'), [pdb('a', { disruptionsAllowed: -1 })], NOW)).toMatchObject({ type: 'refuse', status: { code: 403, reason: 'Forbidden', message: 'poddisruptionbudgets.policy "a" is forbidden: pdb disruptions allowed is negative' } }));
});
