import { defaultHpa, hpaV1ToV2, hpaV2ToV1 } from './hpa';

const v1 = {
  apiVersion: 'autoscaling/v1',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'frontend-scaler', namespace: 'default' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend' }, minReplicas: 3, maxReplicas: 10, targetCPUUtilizationPercentage: 50 },
};

describe('HorizontalPodAutoscaler autoscaling/v1 ↔ v2 (stored)', () => {
  it('v1 targetCPUUtilizationPercentage is stored as a cpu Utilization metric', () => {
    const stored = hpaV1ToV2(v1);
    expect(stored.apiVersion).toBe('autoscaling/v2');
    expect(stored.spec).toEqual({ scaleTargetRef: v1.spec.scaleTargetRef, minReplicas: 3, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] });
  });

  it('reads back as v1, with the v2 conditions in the alpha annotation', () => {
    const conditions = [{ type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: 'm', lastTransitionTime: 't' }];
    const back = hpaV2ToV1({ ...defaultHpa(hpaV1ToV2(v1)), status: { currentReplicas: 3, desiredReplicas: 0, conditions } });
    expect(back.spec).toEqual(v1.spec);
    expect(back.status).toEqual({ currentReplicas: 3, desiredReplicas: 0 });
    expect(JSON.parse(back.metadata.annotations['autoscaling.alpha.kubernetes.io/conditions'])).toEqual(conditions);
  });

  it('v2 defaults: minReplicas 1, cpu at 80 %, upstream behaviour', () => {
    const d = defaultHpa({ spec: { scaleTargetRef: { kind: 'Deployment', name: 'x' }, maxReplicas: 4 } });
    expect(d.spec.minReplicas).toBe(1);
    expect(d.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(d.spec.behavior.scaleDown.stabilizationWindowSeconds).toBe(300);
    expect(d.spec.behavior.scaleUp.policies).toEqual([
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ]);
  });
});
