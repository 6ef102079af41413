import { MAX_NODE_SCORE, NodeInfo, ScorePlugin, SKIP } from '../framework';
import { PluginName } from '../plugin-names';
import { countMatching, defaultSpreadConstraints, hasAllKeys, nodeIncluded, spreadConstraints, SpreadConstraint } from './topology-spread-constraints';

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
 * A pod without constraints of its own is spread by the system defaults (`defaultSpreadConstraints`).
 */
export const podTopologySpreadScore = {
  name: PluginName.PodTopologySpread,
  weight: 2,
  preScore(pod, feasible, { nodeInfos: all }, cycle) {
    // A pod without constraints of its own gets the system defaults (over its Services' and
    // ReplicaSet's pods); those do not need every node to carry every key.
    const own = (pod.spec.topologySpreadConstraints ?? []).length > 0;
    const constraints = own || !cycle.defaultSpreadSelector ? spreadConstraints(pod, 'ScheduleAnyway') : defaultSpreadConstraints(cycle.defaultSpreadSelector);
    // No constraint: upstream skips the plugin; every node scores 0.
    if (constraints.length === 0) return SKIP;
    const requireAllKeys = own;
    const ignored = new Set(feasible.filter((ni) => requireAllKeys && !hasAllKeys(ni, constraints)).map((ni) => ni.node.metadata.name));
    const counts = constraints.map(() => new Map<string, number>());
    const candidates = feasible.filter((ni) => !ignored.has(ni.node.metadata.name));
    // A node without the key is in the domain "" (never scored: `score` skips it), as upstream.
    const valueOf = (ni: NodeInfo, key: string) => ni.node.metadata.labels?.[key] ?? '';
    const weights = constraints.map((c, i) => {
      if (c.topologyKey === HOSTNAME) return Math.log(candidates.length + 2);
      for (const ni of candidates) counts[i].set(valueOf(ni, c.topologyKey), 0);
      return Math.log(counts[i].size + 2);
    });
    for (const ni of all) {
      // A node without pods adds nothing to any domain.
      if (ni.pods.length === 0) continue;
      if (requireAllKeys && !hasAllKeys(ni, constraints)) continue;
      constraints.forEach((c, i) => {
        if (c.topologyKey === HOSTNAME || !nodeIncluded(c, pod, ni)) return;
        const value = valueOf(ni, c.topologyKey);
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
