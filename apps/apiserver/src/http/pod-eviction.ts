import { EVICTION_API_CAUSE, isPodTerminal, rfc3339, type Pod, type PodCondition, type PodDisruptionBudget } from '@kubesim/api';
import type { ClusterView, Command } from '@kubesim/core';
import type { CommandBus } from '../commands/command-bus';
import { decideEviction, type EvictionDecision } from './eviction-budget';
import { StatusError } from './status';

/** The condition kube-apiserver's eviction subresource puts on a pod before deleting it. */
export function evictionCondition(now: number): PodCondition {
  return { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting', lastProbeTime: null, lastTransitionTime: rfc3339(now) };
}

type DeleteOptions = { gracePeriodSeconds?: number; preconditions?: { uid?: string } };

/**
 * POST pods/NAME/eviction (`kubectl drain`), as kube-apiserver: the pod's PodDisruptionBudget is
 * consulted (`decideEviction`); a refusal is the budget's 429 (or 403/500). A granted disruption is
 * first written to the budget's status, decided inside the command bus's decide step (a write to what it read makes it decide again)
 * against the current budget and carrying its resourceVersion, so two evictions racing for the last
 * allowed disruption cannot both pass. Then a pod that has not finished gets `DisruptionTarget`
 * (`EvictionByEvictionAPI`) and is deleted gracefully.
 */
export async function evictPod(bus: CommandBus, pod: Pod, deleteOptions: DeleteOptions | undefined, by: string): Promise<void> {
  const target = { namespace: pod.metadata.namespace, name: pod.metadata.name, uid: deleteOptions?.preconditions?.uid };
  const who = { by, cause: EVICTION_API_CAUSE };
  const mark = (): Command => ({ type: 'SetPodCondition', ...target, condition: evictionCondition(Date.now()) });
  const remove = (): Command => ({ type: 'DeletePod', ...target, gracePeriodSeconds: deleteOptions?.gracePeriodSeconds });
  // What the first write did: the budget's status, or already the pod's condition or its deletion.
  const done: { first: 'budget' | 'marked' | 'removed' } = { first: 'budget' };
  await bus.execute((view) => {
    const current = (view.get({ kind: 'Pod', namespace: target.namespace, name: target.name }) as Pod | undefined) ?? pod;
    const terminal = isPodTerminal(current);
    done.first = terminal ? 'removed' : 'marked';
    // A stale uid precondition is refused (409) by the pod's own command before any budget is touched.
    if (target.uid && target.uid !== current.metadata.uid) return terminal ? remove() : mark();
    const d: EvictionDecision = decideEviction(current, budgetsIn(view, target.namespace), Date.now());
    switch (d.type) {
      case 'refuse':
        throw new StatusError(d.status);
      case 'decrement':
        done.first = 'budget';
        return { type: 'UpdateObjectStatus', kind: 'PodDisruptionBudget', namespace: d.pdb.metadata.namespace, name: d.pdb.metadata.name, status: d.status, resourceVersion: d.pdb.metadata.resourceVersion };
      case 'delete':
        return terminal ? remove() : mark();
      default: {
        const _exhaustive: never = d;
        return _exhaustive;
      }
    }
  }, who);
  if (done.first === 'budget') await bus.execute(mark(), who);
  if (done.first !== 'removed') await bus.execute(remove(), who);
}

const budgetsIn = (view: ClusterView, namespace: string) => [...view.list('PodDisruptionBudget')].filter((b) => b.metadata.namespace === namespace) as unknown as PodDisruptionBudget[];
