import { field, msg, ptr, str, type MessageSpec } from './field-spec';

/** k8s.io/api/autoscaling/v1 `generated.proto`: what `kubectl autoscale` sends. */
export const AUTOSCALING_MESSAGES: Record<string, MessageSpec> = {
  HorizontalPodAutoscaler: { 1: msg('metadata', 'ObjectMeta'), 2: msg('spec', 'HorizontalPodAutoscalerSpec'), 3: msg('status', 'HorizontalPodAutoscalerStatus') },
  HorizontalPodAutoscalerSpec: { 1: msg('scaleTargetRef', 'CrossVersionObjectReference'), 2: ptr('minReplicas', 'int32'), 3: field('maxReplicas', 'int32'), 4: ptr('targetCPUUtilizationPercentage', 'int32') },
  CrossVersionObjectReference: { 1: str('kind'), 2: str('name'), 3: str('apiVersion') },
  HorizontalPodAutoscalerStatus: {
    1: ptr('observedGeneration', 'int64'),
    2: field('lastScaleTime', 'time'),
    3: field('currentReplicas', 'int32'),
    4: field('desiredReplicas', 'int32'),
    5: ptr('currentCPUUtilizationPercentage', 'int32'),
  },
};
