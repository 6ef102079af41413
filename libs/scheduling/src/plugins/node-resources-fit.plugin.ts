import { FilterPlugin, status, success } from '../framework';
import { PluginName } from '../plugin-names';
import { podRequests } from '../resources';

export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';
export const ERR_REASON_INSUFFICIENT_CPU = 'Insufficient cpu';
export const ERR_REASON_INSUFFICIENT_MEMORY = 'Insufficient memory';

/**
 * Requests (init-container max rule) vs allocatable minus what the node's pods already request.
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
    return reasons.length === 0 ? success() : status('Unschedulable', ...reasons);
  },
} satisfies FilterPlugin;
