import { MAX_NODE_SCORE, NodeInfo, ScorePlugin } from '../framework';
import { PluginName } from '../plugin-names';
import { countMatching, hasAllKeys, nodeIncluded, spreadConstraints, SpreadConstraint } from './topology-spread-constraints';

const HOSTNAME = 'kubernetes.io/hostname';

export interface TopologySpreadScoreState {
  readonly constraints: readonly SpreadConstraint[];
  /** Feasible nodes without every topology key: they score 0. */
  readonly ignored: ReadonlySet<string>;
  /** Per constraint (hostname ones aside, counted per node): matching pods per topology value of a feasible node. */
  readonly counts: readonly ReadonlyMap<string, number>[];
  /** Per constraint: log(number of domains among the feasible nodes + 2). */
  readonly weights: readonly number[];
}

/**
 * PodTopologySpread's score for `whenUnsatisfiable: ScheduleAnyway` constraints (upstream
 * scoring.go): a node scores the matching pods of its domain (weighted by log(domains + 2), plus
 * maxSkew − 1), and normalizing turns the fewest into 100. Nodes without a topology key score 0.
 * (The system default constraints for pods of Services and ReplicaSets are not applied.)
 */
export const podTopologySpreadScore = {
  name: PluginName.PodTopologySpread,
  weight: 2,
  preScore(pod, feasible, all) {
    const constraints = spreadConstraints(pod, 'ScheduleAnyway');
    const ignored = new Set(feasible.filter((ni) => !hasAllKeys(ni, constraints)).map((ni) => ni.node.metadata.name));
    const counts = constraints.map(() => new Map<string, number>());
    const candidates = feasible.filter((ni) => !ignored.has(ni.node.metadata.name));
    const weights = constraints.map((c, i) => {
      if (c.topologyKey === HOSTNAME) return Math.log(candidates.length + 2);
      for (const ni of candidates) counts[i].set(ni.node.metadata.labels![c.topologyKey], 0);
      return Math.log(counts[i].size + 2);
    });
    for (const ni of all) {
      if (!hasAllKeys(ni, constraints)) continue;
      constraints.forEach((c, i) => {
        if (c.topologyKey === HOSTNAME || !nodeIncluded(c, pod, ni)) return;
        const value = ni.node.metadata.labels![c.topologyKey];
        const n = counts[i].get(value);
        if (n !== undefined) counts[i].set(value, n + countMatching(ni, pod, c.selector));
      });
    }
    return { constraints, ignored, counts, weights };
  },
  score(pod, ni: NodeInfo, state) {
    if (state.constraints.length === 0 || state.ignored.has(ni.node.metadata.name)) return 0;
    let score = 0;
    state.constraints.forEach((c, i) => {
      const value = ni.node.metadata.labels?.[c.topologyKey];
      if (value === undefined) return;
      const count = c.topologyKey === HOSTNAME ? countMatching(ni, pod, c.selector) : (state.counts[i].get(value) ?? 0);
      score += count * state.weights[i] + (c.maxSkew - 1);
    });
    return Math.round(score);
  },
  normalize(scores, state, feasible) {
    if (state.constraints.length === 0) return scores.map(() => 0);
    const counted = scores.filter((_, i) => !state.ignored.has(feasible[i].node.metadata.name));
    const min = Math.min(...counted);
    const max = Math.max(0, ...counted);
    return scores.map((s, i) => {
      if (state.ignored.has(feasible[i].node.metadata.name)) return 0;
      if (max === 0) return MAX_NODE_SCORE;
      return Math.trunc((MAX_NODE_SCORE * (max + min - s)) / max);
    });
  },
} satisfies ScorePlugin<TopologySpreadScoreState>;
