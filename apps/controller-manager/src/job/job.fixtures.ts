import { jobStrategy, type Job, type Pod } from '@kubesim/api';
import { aPodWith, T0 } from '../shared/workload.fixtures';

/** A Job as the apiserver stores it (defaults, generated selector). */
export function aJob(name: string, spec: Record<string, any> = {}, status: Job['status'] = {}): Job {
  const o = jobStrategy.prepare!({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } }, ...spec },
  });
  return { ...o, status } as Job;
}

/** A pod of `job`: phase, exit code, index, when it finished. */
export function aJobPod(job: Job, name: string, o: { phase?: Pod['status']['phase']; exitCode?: number; index?: number; finished?: number; ready?: boolean; deleting?: boolean; conditions?: { type: string; status: 'True' }[] } = {}): Pod {
  const p = aPodWith(name, { owner: { kind: 'Job', name: job.metadata.name, uid: job.metadata.uid }, node: 'node-1', phase: o.phase ?? 'Running', ready: o.ready, deleting: o.deleting });
  p.metadata.ownerReferences![0].apiVersion = 'batch/v1';
  if (o.index !== undefined) p.metadata.annotations = { 'batch.kubernetes.io/job-completion-index': String(o.index) };
  if (o.phase === 'Succeeded' || o.phase === 'Failed') {
    const finishedAt = new Date(o.finished ?? T0).toISOString().replace('.000Z', 'Z');
    p.status.containerStatuses = [{ name: 'c', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: o.exitCode ?? (o.phase === 'Failed' ? 1 : 0), reason: o.phase === 'Failed' ? 'Error' : 'Completed', finishedAt } }, lastState: {} }];
  }
  if (o.conditions) p.status.conditions = [...(p.status.conditions ?? []), ...o.conditions.map((c) => ({ ...c, lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }))];
  return p;
}
