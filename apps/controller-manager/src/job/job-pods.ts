import { JOB_COMPLETION_INDEX, JOB_INDEX_FAILURE_COUNT, isPodTerminal, type Job, type Pod } from '@kubesim/api';
import { ownerReference } from '../shared/owner';

export const isSucceeded = (p: Pod) => p.status.phase === 'Succeeded';
export const isTerminating = (p: Pod) => Boolean(p.metadata.deletionTimestamp) && !isPodTerminal(p);
/** Running or pending, not being deleted: what `status.active` counts. */
export const isActivePod = (p: Pod) => !isPodTerminal(p) && !p.metadata.deletionTimestamp;

/**
 * isPodFailed: phase Failed; with podReplacementPolicy TerminatingOrFailed (and no pod failure
 * policy) also a pod being deleted that has not succeeded — it is replaced at once.
 */
export function isFailedPod(job: Job, p: Pod): boolean {
  if (p.status.phase === 'Failed') return true;
  if (job.spec.podFailurePolicy || job.spec.podReplacementPolicy === 'Failed') return false;
  return Boolean(p.metadata.deletionTimestamp) && p.status.phase !== 'Succeeded';
}

export function indexOf(p: Pod): number | undefined {
  const v = p.metadata.annotations?.[JOB_COMPLETION_INDEX] ?? p.metadata.labels?.[JOB_COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** When a pod finished: its containers' latest finishedAt, else its deletion, else its creation. */
export function finishedAt(p: Pod): number {
  const times = (p.status.containerStatuses ?? []).map((c) => c.state?.terminated?.finishedAt).filter((t): t is string => Boolean(t)).map(Date.parse);
  if (times.length) return Math.max(...times);
  return Date.parse(p.metadata.deletionTimestamp ?? p.metadata.creationTimestamp);
}

/** A pod from the Job's template (controller_utils + job_controller): `<job>-` or `<job>-<index>-` and 5 characters. */
export function jobPod(job: Job, suffix: string, index?: number, indexFailures = 0): Record<string, any> {
  const t = job.spec.template;
  const indexed = index !== undefined;
  const prefix = indexed ? `${job.metadata.name}-${index}-` : `${job.metadata.name}-`;
  const annotations: Record<string, string> = { ...(t.metadata?.annotations ?? {}) };
  const labels: Record<string, string> = { ...(t.metadata?.labels ?? {}) };
  const spec = structuredClone(t.spec);
  if (indexed) {
    annotations[JOB_COMPLETION_INDEX] = String(index);
    labels[JOB_COMPLETION_INDEX] = String(index);
    if (job.spec.backoffLimitPerIndex != null) annotations[JOB_INDEX_FAILURE_COUNT] = String(indexFailures);
    spec.hostname = `${job.metadata.name}-${index}`;
    const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX}']` } } };
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      if (!(c.env ?? []).some((e: { name: string }) => e.name === 'JOB_COMPLETION_INDEX')) c.env = [...(c.env ?? []), env as never];
    }
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${prefix}${suffix}`,
      generateName: prefix,
      namespace: job.metadata.namespace,
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [ownerReference(job)],
    },
    spec,
  };
}
