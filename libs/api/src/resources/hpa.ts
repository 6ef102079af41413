type Obj = Record<string, any>;

/** autoscaling/v2 defaults (SetDefaults_HorizontalPodAutoscaler): minReplicas 1, cpu at 80 %, upstream's scaling behaviour. */
export function defaultHpa(o: Obj): Obj {
  const spec = o.spec ?? {};
  return {
    ...o,
    spec: {
      ...spec,
      minReplicas: spec.minReplicas ?? 1,
      metrics: spec.metrics ?? [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 15 },
            { type: 'Percent', value: 100, periodSeconds: 15 },
          ],
          ...spec.behavior?.scaleUp,
        },
        scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }], ...spec.behavior?.scaleDown },
      },
    },
  };
}

const CONDITIONS = 'autoscaling.alpha.kubernetes.io/conditions';
const cpuTarget = (metrics: Obj[] | undefined) => metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.type === 'Utilization')?.resource.target.averageUtilization;

/** autoscaling/v1 → the stored v2 form (targetCPUUtilizationPercentage becomes a cpu Utilization metric). */
export function hpaV1ToV2(o: Obj): Obj {
  const { targetCPUUtilizationPercentage: cpu, ...spec } = o.spec ?? {};
  const { [CONDITIONS]: _c, ...annotations } = o.metadata?.annotations ?? {};
  return {
    ...o,
    apiVersion: 'autoscaling/v2',
    metadata: { ...o.metadata, ...(o.metadata?.annotations ? { annotations } : {}) },
    spec: { ...spec, ...(cpu !== undefined ? { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }] } : {}) },
  };
}

/** The stored v2 form as autoscaling/v1 shows it: the cpu target, and conditions in an annotation. */
export function hpaV2ToV1(o: Obj): Obj {
  const { metrics, behavior: _b, ...spec } = o.spec ?? {};
  const cpu = cpuTarget(metrics);
  const status = o.status ?? {};
  const conditions = status.conditions;
  const currentCpu = (status.currentMetrics as Obj[] | undefined)?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu')?.resource?.current?.averageUtilization;
  return {
    ...o,
    apiVersion: 'autoscaling/v1',
    metadata: { ...o.metadata, ...(conditions?.length ? { annotations: { ...o.metadata?.annotations, [CONDITIONS]: JSON.stringify(conditions) } } : {}) },
    spec: { ...spec, ...(cpu !== undefined ? { targetCPUUtilizationPercentage: cpu } : {}) },
    status: {
      ...(status.observedGeneration !== undefined ? { observedGeneration: status.observedGeneration } : {}),
      ...(status.lastScaleTime ? { lastScaleTime: status.lastScaleTime } : {}),
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      ...(currentCpu !== undefined ? { currentCPUUtilizationPercentage: currentCpu } : {}),
    },
  };
}
