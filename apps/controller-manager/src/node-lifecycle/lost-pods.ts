import { isPodTerminal, type ConditionStatus, type Pod } from '@kubesim/api';
import type { NodeLostPolicy } from '@kubesim/core';

/**
 * The pods of a node that is not Ready which the controller has still to mark (pure):
 * MarkPodsNotReady sets `Ready=False`; with the `legacy` policy an unreachable node's pods also
 * get phase `Unknown` (NodeLost). A kubelet that posts `Ready=False` is alive: its pods keep
 * their phase whatever the policy.
 */
export function podsToMark(node: string, ready: ConditionStatus, pods: Iterable<Pod>, policy: NodeLostPolicy): { pod: Pod; policy: NodeLostPolicy }[] {
  if (ready === 'True') return [];
  const effective: NodeLostPolicy = ready === 'Unknown' ? policy : 'modern';
  const out: { pod: Pod; policy: NodeLostPolicy }[] = [];
  for (const pod of pods) {
    if (pod.spec.nodeName !== node || isPodTerminal(pod)) continue;
    const notReady = pod.status.conditions?.find((c) => c.type === 'Ready')?.status === 'False';
    const lost = pod.status.phase === 'Unknown';
    if (notReady && (effective === 'modern' || lost)) continue;
    out.push({ pod, policy: effective });
  }
  return out;
}
