import { Pod } from '@kubesim/api';
import { FilterPlugin, status, success } from '../framework';
import { podInfo } from '../pod-info';
import { PluginName } from '../plugin-names';
import { Resources } from '../resources';

export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';
export const ERR_REASON_INSUFFICIENT_CPU = 'Insufficient cpu';
export const ERR_REASON_INSUFFICIENT_MEMORY = 'Insufficient memory';
/** `Insufficient ephemeral-storage`, `Insufficient example.com/foo`, … */
export const errReasonInsufficient = (resource: string): string => `Insufficient ${resource}`;

/** NodeResourcesFit's PreFilter state (upstream `preFilterState`): the pod's requests, parsed once per cycle. */
export interface ResourcesFitState {
  readonly requests: Resources;
  /** The other resources it asks for, sorted (the order of the reasons). */
  readonly scalarNames: readonly string[];
}

export function resourcesFitState(pod: Pod): ResourcesFitState {
  const requests = podInfo(pod).requests;
  return { requests, scalarNames: Object.keys(requests.scalar).sort() };
}

/**
 * Requests (init-container max rule) vs allocatable minus what the node's pods already request,
 * for cpu, memory, the pod count and every other resource the pod asks for (ephemeral-storage,
 * extended resources such as `example.com/foo`: a node that does not advertise one has 0 of it).
 * Always `Unschedulable`, i.e. something preemption could in principle fix. (Newer upstream marks a
 * request larger than the whole allocatable as unresolvable; kubesim follows the 1.2x behaviour.)
 */
export const nodeResourcesFit = {
  name: PluginName.NodeResourcesFit,
  preFilter: (pod) => resourcesFitState(pod),
  filter(pod, { allocatable, requested, pods }, state = resourcesFitState(pod)) {
    const want = state.requests;
    let reasons: string[] | undefined;
    if (pods.length + 1 > allocatable.pods) (reasons ??= []).push(ERR_REASON_TOO_MANY_PODS);
    if (want.milliCpu > 0 && want.milliCpu > allocatable.milliCpu - requested.milliCpu) {
      (reasons ??= []).push(ERR_REASON_INSUFFICIENT_CPU);
    }
    if (want.memory > 0 && want.memory > allocatable.memory - requested.memory) {
      (reasons ??= []).push(ERR_REASON_INSUFFICIENT_MEMORY);
    }
    for (const name of state.scalarNames) {
      const q = want.scalar[name];
      if (q > 0 && q > (allocatable.scalar[name] ?? 0) - (requested.scalar[name] ?? 0)) (reasons ??= []).push(errReasonInsufficient(name));
    }
    return reasons === undefined ? success() : status('Unschedulable', ...reasons);
  },
} satisfies FilterPlugin<ResourcesFitState>;
