import { Pod, PodLabelSelector, TopologySpreadConstraint } from '@kubesim/api';
import { FilterPlugin, NodeInfo, status, success } from '../framework';
import { labelSelectorMatches } from '../label-selector';
import { matchesRequiredNodeAffinity } from '../node-selector';
import { PluginName } from '../plugin-names';
import { doNotScheduleTaint, findUntoleratedTaint } from '../tolerations';

export const ERR_REASON_TOPOLOGY_SPREAD = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_TOPOLOGY_SPREAD_MISSING_LABEL = `${ERR_REASON_TOPOLOGY_SPREAD} (missing required label)`;

interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly minDomains: number;
  readonly selector: PodLabelSelector | undefined;
  readonly honorNodeAffinity: boolean;
  readonly honorTaints: boolean;
}

export interface TopologySpreadState {
  readonly constraints: readonly Constraint[];
  /** Per constraint: matching pods per topology value, over the nodes the constraint counts. */
  readonly counts: readonly ReadonlyMap<string, number>[];
}

/** `matchLabelKeys`: the pod's own values of those labels narrow the selector (upstream mergeLabelSetWithSelector). */
function selectorOf(pod: Pod, c: TopologySpreadConstraint): PodLabelSelector | undefined {
  const keys = (c.matchLabelKeys ?? []).filter((k) => pod.metadata.labels?.[k] !== undefined);
  if (!c.labelSelector || keys.length === 0) return c.labelSelector;
  const extra = Object.fromEntries(keys.map((k) => [k, pod.metadata.labels![k]]));
  return { ...c.labelSelector, matchLabels: { ...c.labelSelector.matchLabels, ...extra } };
}

/** The pod's hard constraints (`whenUnsatisfiable: DoNotSchedule`); ScheduleAnyway ones only score. */
function hardConstraints(pod: Pod): Constraint[] {
  return (pod.spec.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === 'DoNotSchedule')
    .map((c) => ({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      minDomains: c.minDomains ?? 1,
      selector: selectorOf(pod, c),
      honorNodeAffinity: c.nodeAffinityPolicy !== 'Ignore',
      honorTaints: c.nodeTaintsPolicy === 'Honor',
    }));
}

const countMatching = (ni: NodeInfo, pod: Pod, selector: PodLabelSelector | undefined): number =>
  ni.pods.filter(
    (p) => p.metadata.namespace === pod.metadata.namespace && !p.metadata.deletionTimestamp && labelSelectorMatches(selector, p.metadata.labels),
  ).length;

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
  preFilter(pod, nodeInfos) {
    const constraints = hardConstraints(pod);
    const counts = constraints.map(() => new Map<string, number>());
    for (const ni of nodeInfos) {
      const labels = ni.node.metadata.labels ?? {};
      if (!constraints.every((c) => c.topologyKey in labels)) continue;
      constraints.forEach((c, i) => {
        if (c.honorNodeAffinity && !matchesRequiredNodeAffinity(pod, ni.node)) return;
        if (c.honorTaints && findUntoleratedTaint(ni.node.spec?.taints, pod.spec.tolerations, doNotScheduleTaint)) return;
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
