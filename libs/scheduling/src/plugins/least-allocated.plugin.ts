import { MAX_NODE_SCORE, ScorePlugin } from '../framework';
import { PluginName } from '../plugin-names';
import { podRequests } from '../resources';

/** `(allocatable − requested) × 100 / allocatable`, in integer arithmetic as upstream. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * NodeResourcesFit's score, LeastAllocated strategy: cpu and memory with weight 1 each. Requests
 * (the node's and the pod's) count a container with none as 100m / 200Mi.
 */
export const leastAllocated = {
  name: PluginName.NodeResourcesFit,
  weight: 1,
  score(pod, { allocatable, nonZeroRequested }) {
    const want = podRequests(pod, { nonZero: true });
    const pairs: [number, number][] = [
      [nonZeroRequested.milliCpu + want.milliCpu, allocatable.milliCpu],
      [nonZeroRequested.memory + want.memory, allocatable.memory],
    ];
    let sum = 0;
    let weights = 0;
    for (const [req, alloc] of pairs) {
      if (alloc === 0) continue;
      sum += leastRequestedScore(req, alloc);
      weights += 1;
    }
    return weights === 0 ? 0 : Math.floor(sum / weights);
  },
} satisfies ScorePlugin;
