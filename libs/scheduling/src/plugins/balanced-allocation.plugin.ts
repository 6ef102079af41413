import { MAX_NODE_SCORE, ScorePlugin, SKIP } from '../framework';
import { PluginName } from '../plugin-names';
import { podInfo } from '../pod-info';
import { Resources } from '../resources';

/** Upstream `balancedResourceScorer`: (1 − standard deviation of the usage fractions) × 100. */
export function balancedResourceScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  requested.forEach((req, i) => {
    if (allocatable[i] !== 0) fractions.push(Math.min(req / allocatable[i], 1));
  });
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/**
 * Favours nodes whose cpu and memory fractions are close. Uses real requests (no 100m/200Mi
 * defaults), and gives every node 0 for a best-effort pod, as upstream skips the plugin for those.
 * The pod's requests are its PreScore state, parsed once per cycle.
 */
export const balancedAllocation = {
  name: PluginName.NodeResourcesBalancedAllocation,
  weight: 1,
  /** Upstream: Skip for a best-effort pod (no cpu or memory request). */
  preScore(pod) {
    const want = podInfo(pod).requests;
    return want.milliCpu === 0 && want.memory === 0 ? SKIP : want;
  },
  score(pod, { allocatable, requested }, want = podInfo(pod).requests) {
    if (want.milliCpu === 0 && want.memory === 0) return 0;
    return balancedResourceScore(
      [requested.milliCpu + want.milliCpu, requested.memory + want.memory],
      [allocatable.milliCpu, allocatable.memory],
    );
  },
} satisfies ScorePlugin<Resources>;
