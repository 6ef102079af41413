import type { Deployment } from '@kubesim/api';

/**
 * kubectl's rollout status message for a Deployment (polymorphichelpers/rollout_status.go):
 * `done` once every replica is updated and available.
 */
export function rolloutStatus(d: Deployment): { message: string; done: boolean } {
  const name = d.metadata.name;
  const s = d.status;
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false };
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') throw new Error(`error: deployment "${name}" exceeded its progress deadline`);
  const updated = s.updatedReplicas ?? 0;
  const replicas = d.spec.replicas;
  if (updated < replicas) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`, done: false };
  if ((s.replicas ?? 0) > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
  if ((s.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
  return { message: `deployment "${name}" successfully rolled out`, done: true };
}
