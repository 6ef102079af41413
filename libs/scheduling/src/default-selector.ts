import { Pod, PodLabelSelector, ReplicaSet, Service } from '@kubesim/api';

/**
 * Upstream `helper.DefaultSelector`: the pods "like" this one, for the system default spreading —
 * the selectors of the Services in its namespace that select it, and of the ReplicaSet that
 * controls it. Undefined when there is none (the pod then gets no default constraints).
 */
export function defaultSpreadSelector(pod: Pod, services: readonly Service[], replicaSets: readonly ReplicaSet[]): PodLabelSelector | undefined {
  const ns = pod.metadata.namespace;
  const labels = pod.metadata.labels ?? {};
  const matchLabels: Record<string, string> = {};
  for (const s of services) {
    const sel = s.spec.selector;
    if (s.metadata.namespace !== ns || !sel || Object.keys(sel).length === 0) continue;
    if (Object.entries(sel).every(([k, v]) => labels[k] === v)) Object.assign(matchLabels, sel);
  }
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  const rs = owner?.kind === 'ReplicaSet' ? replicaSets.find((r) => r.metadata.namespace === ns && r.metadata.name === owner.name) : undefined;
  Object.assign(matchLabels, rs?.spec.selector.matchLabels);
  const matchExpressions = rs?.spec.selector.matchExpressions ?? [];
  if (Object.keys(matchLabels).length === 0 && matchExpressions.length === 0) return undefined;
  return { matchLabels, ...(matchExpressions.length ? { matchExpressions } : {}) };
}
