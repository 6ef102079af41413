import { EVICTION_API_CAUSE, isPodTerminal, rfc3339, type Pod, type PodCondition } from '@kubesim/api';
import type { CommandBus } from '../commands/command-bus';

/** The condition kube-apiserver's eviction subresource puts on a pod before deleting it. */
export function evictionCondition(now: number): PodCondition {
  return { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting', lastProbeTime: null, lastTransitionTime: rfc3339(now) };
}

/**
 * POST pods/NAME/eviction (`kubectl drain`): as kube-apiserver, a pod that has not finished first gets
 * `DisruptionTarget` (`EvictionByEvictionAPI`), then it is deleted gracefully. kubesim has no
 * PodDisruptionBudgets, so an eviction is never refused for one.
 */
export async function evictPod(bus: CommandBus, pod: Pod, deleteOptions: { gracePeriodSeconds?: number; preconditions?: { uid?: string } } | undefined, by: string): Promise<void> {
  const target = { namespace: pod.metadata.namespace, name: pod.metadata.name, uid: deleteOptions?.preconditions?.uid };
  const who = { by, cause: EVICTION_API_CAUSE };
  if (!isPodTerminal(pod)) await bus.execute({ type: 'SetPodCondition', ...target, condition: evictionCondition(Date.now()) }, who);
  await bus.execute({ type: 'DeletePod', ...target, gracePeriodSeconds: deleteOptions?.gracePeriodSeconds }, who);
}
