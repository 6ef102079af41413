import { fitErrorMessage, NodeFilterStatus } from './fit-error';

export const ERR_REASON_PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const ERR_REASON_NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';

/**
 * DefaultPreemption's PostFilter message. Nodes rejected as unresolvable (taints, affinity,
 * unschedulable, node name) cannot be helped by eviction; the others (resources) could, but
 * kubesim has no priorities yet, so they never have lower-priority victims.
 */
export function preemptionMessage(numAllNodes: number, statuses: readonly NodeFilterStatus[]): string {
  const verdicts = statuses.map((s) => ({
    reasons: [
      s.code === 'UnschedulableAndUnresolvable' ? ERR_REASON_PREEMPTION_NOT_HELPFUL : ERR_REASON_NO_PREEMPTION_VICTIMS,
    ],
  }));
  return `preemption: ${fitErrorMessage(numAllNodes, verdicts)}`;
}
