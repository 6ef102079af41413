import { field, msg, opaque, ptr, str, type MessageSpec } from './field-spec';

/** k8s.io/api/policy/v1 `generated.proto`: what `kubectl create poddisruptionbudget` sends. */
export const POLICY_MESSAGES: Record<string, MessageSpec> = {
  PodDisruptionBudget: { 1: msg('metadata', 'ObjectMeta'), 2: msg('spec', 'PodDisruptionBudgetSpec'), 3: msg('status', 'PodDisruptionBudgetStatus') },
  PodDisruptionBudgetSpec: { 1: ptr('minAvailable', 'intOrString'), 2: msg('selector', 'LabelSelector'), 3: ptr('maxUnavailable', 'intOrString'), 4: str('unhealthyPodEvictionPolicy') },
  PodDisruptionBudgetStatus: {
    1: field('observedGeneration', 'int64'),
    2: opaque('disruptedPods', 'PodDisruptionBudgetStatus.DisruptedPodsEntry', { repeated: true }),
    3: field('disruptionsAllowed', 'int32'),
    4: field('currentHealthy', 'int32'),
    5: field('desiredHealthy', 'int32'),
    6: field('expectedPods', 'int32'),
    7: opaque('conditions', 'Condition', { repeated: true }),
  },
};
