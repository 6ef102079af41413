import { resolveResource } from '@kubesim/api';

type Obj = Record<string, any>;

/** kube-controller-manager's `--horizontal-pod-autoscaler-sync-period`. */
export const HPA_SYNC_SECONDS = 15;

export interface HpaCondition {
  type: 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime: string;
}

export interface HpaEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** What one sync decides: the target's new size (if any), the HPA's status and its events. */
export interface HpaPlan {
  scaleTo?: number;
  status: Obj;
  events: HpaEvent[];
}

/**
 * The metric's error as kube-controller-manager words it when no resource metrics API answers
 * (kubesim runs no metrics-server, so every Resource metric is unavailable).
 */
export function metricError(m: Obj): string {
  if (m.type === 'Resource' || m.type === 'ContainerResource') {
    const name = m.resource?.name ?? m.containerResource?.name ?? 'cpu';
    const what = (m.resource ?? m.containerResource)?.target?.type === 'Utilization' ? `${name} utilization` : `${name} usage`;
    return `failed to get ${what}: unable to get metrics for resource ${name}: no metrics returned from resource metrics API`;
  }
  return `unable to get metric ${m.pods?.metric?.name ?? m.object?.metric?.name ?? m.external?.metric?.name ?? ''}: no custom metrics API (custom.metrics.k8s.io) registered`;
}

const metricReason = (m: Obj) => (m.type === 'Resource' ? 'FailedGetResourceMetric' : m.type === 'Pods' ? 'FailedGetPodsMetric' : m.type === 'Object' ? 'FailedGetObjectMetric' : m.type === 'External' ? 'FailedGetExternalMetric' : 'FailedGetContainerResourceMetric');

function condition(prev: HpaCondition[], next: Omit<HpaCondition, 'lastTransitionTime'>, now: string): HpaCondition {
  const old = prev.find((c) => c.type === next.type);
  return { ...next, lastTransitionTime: old && old.status === next.status ? old.lastTransitionTime : now };
}

/**
 * One sync of an autoscaler (podautoscaler/horizontal.go reconcileAutoscaler): the target's scale is
 * read; replicas outside [minReplicas, maxReplicas] are brought back inside; otherwise the metrics
 * decide, and with no metrics API every metric fails: ScalingActive False, nothing rescaled.
 * `target` is the scaled object (Deployment, ReplicaSet, StatefulSet, ReplicationController) or undefined.
 */
export function reconcileHpa(hpa: Obj, target: Obj | undefined, now: number): HpaPlan {
  const at = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const prev: HpaCondition[] = hpa.status?.conditions ?? [];
  const ref = hpa.spec.scaleTargetRef ?? {};
  const base = { ...(hpa.status ?? {}), observedGeneration: hpa.metadata.generation };
  if (!target) {
    const r = resolveResource(ref.kind ?? '');
    const what = r ? `${r.group ? `${r.plural}.${r.group}` : r.plural} "${ref.name}" not found` : `no matches for kind "${ref.kind}"`;
    const message = `the HPA controller was unable to get the target's current scale: ${what}`;
    return {
      status: { ...base, currentReplicas: base.currentReplicas ?? 0, desiredReplicas: base.desiredReplicas ?? 0, conditions: [condition(prev, { type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message }, at)] },
      events: [{ type: 'Warning', reason: 'FailedGetScale', message: what }],
    };
  }
  const current: number = target.spec?.replicas ?? 1;
  const min: number = hpa.spec.minReplicas ?? 1;
  const max: number = hpa.spec.maxReplicas;
  const able = condition(prev, { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" }, at);
  if (current === 0 && min !== 0) {
    const disabled = condition(prev, { type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' }, at);
    return { status: { ...base, currentReplicas: 0, desiredReplicas: 0, conditions: [able, disabled] }, events: [] };
  }
  const bound = current > max ? { to: max, reason: 'Current number of replicas above Spec.MaxReplicas' } : current < min ? { to: min, reason: 'Current number of replicas below Spec.MinReplicas' } : undefined;
  if (bound) {
    const rescaled = condition(prev, { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${bound.to}` }, at);
    const conditions = [rescaled, ...prev.filter((c) => c.type !== 'AbleToScale')];
    return {
      scaleTo: bound.to,
      status: { ...base, currentReplicas: current, desiredReplicas: bound.to, lastScaleTime: at, conditions },
      events: [{ type: 'Normal', reason: 'SuccessfulRescale', message: `New size: ${bound.to}; reason: ${bound.reason}` }],
    };
  }
  const metrics: Obj[] = hpa.spec.metrics ?? [];
  const errors = metrics.map(metricError);
  const first = metrics[0];
  const inactive = condition(prev, { type: 'ScalingActive', status: 'False', reason: first ? metricReason(first) : 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: ${errors[0] ?? 'no metrics'}` }, at);
  return {
    status: { ...base, currentReplicas: current, desiredReplicas: base.desiredReplicas ?? 0, currentMetrics: null, conditions: [able, inactive] },
    events: [
      ...metrics.map((m, i) => ({ type: 'Warning' as const, reason: metricReason(m), message: errors[i] })),
      { type: 'Warning', reason: 'FailedComputeMetricsReplicas', message: `invalid metrics (${metrics.length} invalid out of ${metrics.length}), first error is: failed to get ${first?.resource?.name ?? 'cpu'} resource metric value: ${errors[0]}` },
    ],
  };
}
