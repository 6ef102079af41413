import { reconcileHpa } from './hpa.reconcile';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const hpa = (spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default', generation: 1 },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }], ...spec },
  status,
});
const deployment = (replicas: number) => ({ kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas } });

describe('HPA reconcile (no metrics API in kubesim)', () => {
  it('within bounds: nothing is rescaled; ScalingActive False with the metrics error, as upstream without metrics-server', () => {
    const plan = reconcileHpa(hpa(), deployment(3), NOW);
    expect(plan.scaleTo).toBeUndefined();
    expect(plan.status).toMatchObject({ currentReplicas: 3, desiredReplicas: 0, observedGeneration: 1 });
    expect(plan.status.conditions).toEqual([
      { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale", lastTransitionTime: '2026-12-01T10:00:00Z' },
      {
        type: 'ScalingActive',
        status: 'False',
        reason: 'FailedGetResourceMetric',
        message: 'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
        lastTransitionTime: '2026-12-01T10:00:00Z',
      },
    ]);
    expect(plan.events.map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      'Warning FailedGetResourceMetric: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
      'Warning FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    ]);
  });

  it.each([
    [1, 2, 'Current number of replicas below Spec.MinReplicas'],
    [12, 10, 'Current number of replicas above Spec.MaxReplicas'],
  ])('a target at %i replicas is brought to %i: %s', (replicas, to, reason) => {
    const plan = reconcileHpa(hpa({ minReplicas: 2 }), deployment(replicas), NOW);
    expect(plan.scaleTo).toBe(to);
    expect(plan.events).toEqual([{ type: 'Normal', reason: 'SuccessfulRescale', message: `New size: ${to}; reason: ${reason}` }]);
    expect(plan.status.desiredReplicas).toBe(to);
  });

  it('a missing target: AbleToScale False (FailedGetScale) naming it', () => {
    const plan = reconcileHpa(hpa(), undefined, NOW);
    expect(plan.status.conditions[0]).toMatchObject({ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: 'the HPA controller was unable to get the target\'s current scale: deployments.apps "web" not found' });
    expect(plan.events[0]).toEqual({ type: 'Warning', reason: 'FailedGetScale', message: 'deployments.apps "web" not found' });
  });

  it('keeps a condition\'s lastTransitionTime while its status does not change', () => {
    const first = reconcileHpa(hpa(), deployment(3), NOW);
    const second = reconcileHpa(hpa({}, first.status), deployment(3), NOW + 15_000);
    expect(second.status.conditions[1].lastTransitionTime).toBe('2026-12-01T10:00:00Z');
  });

  it('a target scaled to zero disables autoscaling', () => {
    expect(reconcileHpa(hpa(), deployment(0), NOW).status.conditions[1]).toMatchObject({ reason: 'ScalingDisabled', status: 'False' });
  });
});
