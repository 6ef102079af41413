import { Pod, PodLabelSelector, TopologySpreadConstraint } from '@kubesim/api';
import { NodeInfo } from '../framework';
import { labelSelectorMatches } from '../label-selector';
import { matchesRequiredNodeAffinity } from '../node-selector';
import { doNotScheduleTaint, findUntoleratedTaint } from '../tolerations';

/** A pod's spread constraint as PodTopologySpread uses it (filter: DoNotSchedule; score: ScheduleAnyway). */
export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly minDomains: number;
  readonly selector: PodLabelSelector | undefined;
  readonly honorNodeAffinity: boolean;
  readonly honorTaints: boolean;
}

/** `matchLabelKeys`: the pod's own values of those labels narrow the selector (upstream mergeLabelSetWithSelector). */
function selectorOf(pod: Pod, c: TopologySpreadConstraint): PodLabelSelector | undefined {
  const keys = (c.matchLabelKeys ?? []).filter((k) => pod.metadata.labels?.[k] !== undefined);
  if (!c.labelSelector || keys.length === 0) return c.labelSelector;
  const extra = Object.fromEntries(keys.map((k) => [k, pod.metadata.labels![k]]));
  return { ...c.labelSelector, matchLabels: { ...c.labelSelector.matchLabels, ...extra } };
}

export function spreadConstraints(pod: Pod, when: TopologySpreadConstraint['whenUnsatisfiable']): SpreadConstraint[] {
  return (pod.spec.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === when)
    .map((c) => ({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      minDomains: c.minDomains ?? 1,
      selector: selectorOf(pod, c),
      honorNodeAffinity: c.nodeAffinityPolicy !== 'Ignore',
      honorTaints: c.nodeTaintsPolicy === 'Honor',
    }));
}

/** Does the node count for the constraint (nodeAffinityPolicy, nodeTaintsPolicy)? */
export function nodeIncluded(c: SpreadConstraint, pod: Pod, ni: NodeInfo): boolean {
  if (c.honorNodeAffinity && !matchesRequiredNodeAffinity(pod, ni.node)) return false;
  return !(c.honorTaints && findUntoleratedTaint(ni.node.spec?.taints, pod.spec.tolerations, doNotScheduleTaint));
}

/** Pods on the node the selector matches, in the pod's namespace, not being deleted. */
export function countMatching(ni: NodeInfo, pod: Pod, selector: PodLabelSelector | undefined): number {
  let n = 0;
  for (const p of ni.pods) {
    if (p.metadata.namespace === pod.metadata.namespace && !p.metadata.deletionTimestamp && labelSelectorMatches(selector, p.metadata.labels)) n++;
  }
  return n;
}

/** The node carries every constraint's topology key. */
export const hasAllKeys = (ni: NodeInfo, constraints: readonly SpreadConstraint[]): boolean =>
  constraints.every((c) => c.topologyKey in (ni.node.metadata.labels ?? {}));

/** Upstream `systemDefaultConstraints`: for a pod without constraints of its own, spread over nodes (maxSkew 3) and zones (5). */
export function defaultSpreadConstraints(selector: PodLabelSelector): SpreadConstraint[] {
  const base = { minDomains: 1, selector, honorNodeAffinity: true, honorTaints: false };
  return [
    { ...base, maxSkew: 3, topologyKey: 'kubernetes.io/hostname' },
    { ...base, maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone' },
  ];
}
