import { FilterPlugin, status, success } from '../framework';
import { PluginName } from '../plugin-names';
import { podRequests } from '../resources';

export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';
export const ERR_REASON_INSUFFICIENT_CPU = 'Insufficient cpu';
export const ERR_REASON_INSUFFICIENT_MEMORY = 'Insufficient memory';
/** `Insufficient ephemeral-storage`, `Insufficient example.com/foo`, … */
export const errReasonInsufficient = (resource: string): string => `Insufficient ${resource}`;

/**
 * Requests (init-container max rule) vs allocatable minus what the node's pods already request,
 * for cpu, memory, the pod count and every other resource the pod asks for (ephemeral-storage,
 * extended resources such as `example.com/foo`: a node that does not advertise one has 0 of it).
 * Always `Unschedulable`, i.e. something preemption could in principle fix. (Newer upstream marks a
 * request larger than the whole allocatable as unresolvable; kubesim follows the 1.2x behaviour.)
 */
export const nodeResourcesFit = {
  name: PluginName.NodeResourcesFit,
  filter(pod, { allocatable, requested, pods }) {
    const want = podRequests(pod);
    const reasons: string[] = [];
    if (pods.length + 1 > allocatable.pods) reasons.push(ERR_REASON_TOO_MANY_PODS);
    if (want.milliCpu > 0 && want.milliCpu > allocatable.milliCpu - requested.milliCpu) {
      reasons.push(ERR_REASON_INSUFFICIENT_CPU);
    }
    if (want.memory > 0 && want.memory > allocatable.memory - requested.memory) {
      reasons.push(ERR_REASON_INSUFFICIENT_MEMORY);
    }
    for (const name of Object.keys(want.scalar).sort()) {
      const q = want.scalar[name];
      if (q > 0 && q > (allocatable.scalar[name] ?? 0) - (requested.scalar[name] ?? 0)) reasons.push(errReasonInsufficient(name));
    }
    return reasons.length === 0 ? success() : status('Unschedulable', ...reasons);
  },
} satisfies FilterPlugin;
