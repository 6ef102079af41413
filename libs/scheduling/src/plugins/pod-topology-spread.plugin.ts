import { FilterPlugin, SKIP, status, success } from '../framework';
import { labelSelectorMatches } from '../label-selector';
import { PluginName } from '../plugin-names';
import { countMatching, hasAllKeys, nodeIncluded, spreadConstraints, SpreadConstraint } from './topology-spread-constraints';

export const ERR_REASON_TOPOLOGY_SPREAD = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_TOPOLOGY_SPREAD_MISSING_LABEL = `${ERR_REASON_TOPOLOGY_SPREAD} (missing required label)`;

export interface TopologySpreadState {
  readonly constraints: readonly SpreadConstraint[];
  /** Per constraint: matching pods per topology value, over the nodes the constraint counts. */
  readonly counts: readonly ReadonlyMap<string, number>[];
}

/** The smallest count over the domains, or 0 while there are fewer domains than `minDomains`. */
function minMatch(counts: ReadonlyMap<string, number>, minDomains: number): number {
  if (counts.size < minDomains) return 0;
  return counts.size === 0 ? Number.MAX_SAFE_INTEGER : Math.min(...counts.values());
}

/**
 * `topologySpreadConstraints` with `whenUnsatisfiable: DoNotSchedule`: placing the pod in a
 * node's domain must keep (matching pods there + 1) − (fewest in any domain) ≤ maxSkew. Domains
 * come from the nodes that carry every constraint's key and pass the pod's node affinity
 * (`nodeAffinityPolicy: Honor`, the default) and, with `nodeTaintsPolicy: Honor`, its tolerations.
 */
export const podTopologySpread = {
  name: PluginName.PodTopologySpread,
  preFilter(pod, { nodeInfos }) {
    const constraints = spreadConstraints(pod, 'DoNotSchedule');
    // No constraint: upstream's PreFilter returns Skip and the filter passes every node.
    if (constraints.length === 0) return SKIP;
    const counts = constraints.map(() => new Map<string, number>());
    for (const ni of nodeInfos) {
      const labels = ni.node.metadata.labels ?? {};
      if (!hasAllKeys(ni, constraints)) continue;
      constraints.forEach((c, i) => {
        if (!nodeIncluded(c, pod, ni)) return;
        const value = labels[c.topologyKey];
        counts[i].set(value, (counts[i].get(value) ?? 0) + countMatching(ni, pod, c.selector));
      });
    }
    return { constraints, counts };
  },
  filter(pod, { node }, state) {
    const labels = node.metadata.labels ?? {};
    for (const [i, c] of state.constraints.entries()) {
      if (!(c.topologyKey in labels)) return status('UnschedulableAndUnresolvable', ERR_REASON_TOPOLOGY_SPREAD_MISSING_LABEL);
      const self = labelSelectorMatches(c.selector, pod.metadata.labels) ? 1 : 0;
      const here = state.counts[i].get(labels[c.topologyKey]) ?? 0;
      if (here + self - minMatch(state.counts[i], c.minDomains) > c.maxSkew) return status('Unschedulable', ERR_REASON_TOPOLOGY_SPREAD);
    }
    return success();
  },
} satisfies FilterPlugin<TopologySpreadState>;
