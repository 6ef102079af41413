import type { Job, Pod, PodFailurePolicyAction } from '@kubesim/api';

export interface PolicyMatch {
  action: PodFailurePolicyAction;
  /** Upstream's message for a FailJob match (pod_failure_policy.go). */
  message: string;
}

/**
 * matchPodFailurePolicy (pod_failure_policy.go): the first rule that matches a failed pod. Exit
 * codes are those of the containers that terminated non-zero (a `containerName` narrows them);
 * conditions are the pod's. Undefined when no rule matches (the failure counts, as Count).
 */
export function matchPodFailurePolicy(job: Job, pod: Pod): PolicyMatch | undefined {
  const rules = job.spec.podFailurePolicy?.rules ?? [];
  const statuses = [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])];
  for (const [i, rule] of rules.entries()) {
    const on = rule.onExitCodes;
    if (on) {
      for (const s of statuses) {
        const code = s.state?.terminated?.exitCode;
        if (code === undefined || code === 0) continue;
        if (on.containerName && on.containerName !== s.name) continue;
        const listed = on.values.includes(code);
        if (on.operator === 'In' ? listed : !listed) {
          return { action: rule.action, message: `Container ${s.name} for pod ${pod.metadata.namespace}/${pod.metadata.name} failed with exit code ${code} matching ${rule.action} rule at index ${i}` };
        }
      }
    }
    for (const pattern of rule.onPodConditions ?? []) {
      const c = pod.status.conditions?.find((x) => x.type === pattern.type && x.status === (pattern.status ?? 'True'));
      if (c) return { action: rule.action, message: `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${c.type} matching ${rule.action} rule at index ${i}` };
    }
  }
  return undefined;
}
