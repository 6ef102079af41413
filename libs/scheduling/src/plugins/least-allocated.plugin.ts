import { MAX_NODE_SCORE, ScorePlugin } from '../framework';
import { podInfo } from '../pod-info';
import { PluginName } from '../plugin-names';
import { Resources } from '../resources';

/** `(allocatable − requested) × 100 / allocatable`, in integer arithmetic as upstream. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * NodeResourcesFit's score, LeastAllocated strategy: cpu and memory with weight 1 each. Requests
 * (the node's and the pod's) count a container with none as 100m / 200Mi; the pod's are its
 * PreScore state, parsed once per cycle.
 */
export const leastAllocated = {
  name: PluginName.NodeResourcesFit,
  weight: 1,
  preScore: (pod) => podInfo(pod).nonZeroRequests,
  score(pod, { allocatable, nonZeroRequested }, want = podInfo(pod).nonZeroRequests) {
    let sum = 0;
    let weights = 0;
    if (allocatable.milliCpu !== 0) {
      sum += leastRequestedScore(nonZeroRequested.milliCpu + want.milliCpu, allocatable.milliCpu);
      weights += 1;
    }
    if (allocatable.memory !== 0) {
      sum += leastRequestedScore(nonZeroRequested.memory + want.memory, allocatable.memory);
      weights += 1;
    }
    return weights === 0 ? 0 : Math.floor(sum / weights);
  },
} satisfies ScorePlugin<Resources>;
