import type { PodStatus } from '@kubesim/api';

const readyOf = (s: PodStatus) => s.conditions?.find((c) => c.type === 'Ready')?.status;
/** The node controller's Ready=False has no reason; the kubelet's always has one (ContainersNotReady …). */
const readyReason = (s: PodStatus) => s.conditions?.find((c) => c.type === 'Ready')?.reason;

/**
 * Whether the pod's status in the API was written by someone else than this kubelet since its
 * last report (pure): the node-lifecycle controller's NodeLost phase or Ready=False while the
 * kubelet was cut off. Then the kubelet reports its real status again, as a returning kubelet's
 * status manager does (semantics §9.5).
 */
export function overwrittenByOthers(api: PodStatus, real: PodStatus): boolean {
  if (api.reason === 'NodeLost' && real.reason !== 'NodeLost') return true;
  if (api.phase === 'Unknown' && real.phase !== 'Unknown') return true;
  return readyOf(api) === 'False' && !readyReason(api) && readyOf(real) === 'True';
}
