import type { Pod } from '@kubesim/api';

/**
 * A pod this scheduler must place: unbound, ours, not being deleted, not finished, and with no
 * scheduling gate left (the SchedulingGates PreEnqueue plugin keeps gated pods out of the queue).
 */
export function needsScheduling(pod: Pod, schedulerName: string): boolean {
  return (
    !pod.spec.nodeName &&
    !pod.spec.schedulingGates?.length &&
    pod.spec.schedulerName === schedulerName &&
    !pod.metadata.deletionTimestamp &&
    pod.status.phase !== 'Succeeded' &&
    pod.status.phase !== 'Failed'
  );
}
