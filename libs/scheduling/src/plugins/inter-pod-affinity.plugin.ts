import { Pod, PodAffinityTerm } from '@kubesim/api';
import { FilterPlugin, SKIP, status, success } from '../framework';
import { labelSelectorMatches, NAMESPACE_NAME_LABEL } from '../label-selector';
import { PluginName } from '../plugin-names';

export const ERR_REASON_AFFINITY_RULES = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES = "node(s) didn't satisfy existing pods anti-affinity rules";

/**
 * Does `term`, written in a pod of namespace `ownNamespace`, select `target`? Namespaces: the
 * listed ones, plus those `namespaceSelector` selects (`{}` = all; otherwise matched against the
 * namespace's `kubernetes.io/metadata.name` label); neither = the term's own pod's namespace.
 */
export function termMatchesPod(term: PodAffinityTerm, ownNamespace: string, target: Pod): boolean {
  const ns = target.metadata.namespace;
  const listed = term.namespaces ?? [];
  const inScope =
    listed.length === 0 && term.namespaceSelector === undefined
      ? ns === ownNamespace
      : listed.includes(ns) || labelSelectorMatches(term.namespaceSelector, { [NAMESPACE_NAME_LABEL]: ns });
  return inScope && labelSelectorMatches(term.labelSelector, target.metadata.labels);
}

const requiredAffinity = (p: Pod) => p.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
const requiredAntiAffinity = (p: Pod) => p.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];

/** A topology domain: a label key and one of its values, e.g. `topology.kubernetes.io/zone=a`. */
const domain = (key: string, value: string) => `${key}\u0000${value}`;

export interface InterPodAffinityState {
  /** Domains holding a pod that matches every one of the incoming pod's affinity terms. */
  readonly affinityDomains: ReadonlySet<string>;
  /** Domains holding a pod one of the incoming pod's anti-affinity terms selects. */
  readonly antiAffinityDomains: ReadonlySet<string>;
  /** Domains where an existing pod's anti-affinity term selects the incoming pod. */
  readonly existingAntiAffinityDomains: ReadonlySet<string>;
}

/**
 * Required inter-pod affinity and anti-affinity (`requiredDuringSchedulingIgnoredDuringExecution`):
 * the node's domain (its value of each term's `topologyKey`) must hold pods matching all the
 * affinity terms, none matching an anti-affinity term, and no pod whose own anti-affinity rejects
 * this one. A pod whose affinity no pod satisfies yet may still go where its own labels satisfy
 * it, so a group with affinity to itself can start. As upstream, the PreFilter walks only the
 * nodes holding pods with required anti-affinity for the existing pods' terms, walks all pods only
 * when the incoming pod has terms of its own, and skips the plugin when neither applies.
 */
export const interPodAffinity = {
  name: PluginName.InterPodAffinity,
  preFilter(pod, snapshot) {
    const affinity = requiredAffinity(pod);
    const anti = requiredAntiAffinity(pod);
    const withAnti = snapshot.havePodsWithRequiredAntiAffinity;
    if (affinity.length === 0 && anti.length === 0 && withAnti.length === 0) {
      return SKIP;
    }
    const ns = pod.metadata.namespace;
    const affinityDomains = new Set<string>();
    const antiAffinityDomains = new Set<string>();
    const existingAntiAffinityDomains = new Set<string>();
    for (const { node, podsWithRequiredAntiAffinity } of withAnti) {
      const labels = node.metadata.labels ?? {};
      for (const p of podsWithRequiredAntiAffinity) {
        for (const t of requiredAntiAffinity(p)) {
          if (t.topologyKey in labels && termMatchesPod(t, p.metadata.namespace, pod)) {
            existingAntiAffinityDomains.add(domain(t.topologyKey, labels[t.topologyKey]));
          }
        }
      }
    }
    if (affinity.length > 0 || anti.length > 0) {
      for (const { node, pods } of snapshot.nodeInfos) {
        const labels = node.metadata.labels ?? {};
        for (const p of pods) {
          if (affinity.length > 0 && affinity.every((t) => termMatchesPod(t, ns, p))) {
            for (const t of affinity) if (t.topologyKey in labels) affinityDomains.add(domain(t.topologyKey, labels[t.topologyKey]));
          }
          for (const t of anti) {
            if (t.topologyKey in labels && termMatchesPod(t, ns, p)) antiAffinityDomains.add(domain(t.topologyKey, labels[t.topologyKey]));
          }
        }
      }
    }
    return { affinityDomains, antiAffinityDomains, existingAntiAffinityDomains };
  },
  filter(pod, { node }, state) {
    const labels = node.metadata.labels ?? {};
    const affinity = requiredAffinity(pod);
    if (affinity.length > 0) {
      if (!affinity.every((t) => t.topologyKey in labels)) return status('UnschedulableAndUnresolvable', ERR_REASON_AFFINITY_RULES);
      const satisfied = affinity.every((t) => state.affinityDomains.has(domain(t.topologyKey, labels[t.topologyKey])));
      // No domain holds a match yet (upstream: an empty affinityCounts): the first pod of a group.
      const firstOfItsGroup = state.affinityDomains.size === 0 && affinity.every((t) => termMatchesPod(t, pod.metadata.namespace, pod));
      if (!satisfied && !firstOfItsGroup) return status('UnschedulableAndUnresolvable', ERR_REASON_AFFINITY_RULES);
    }
    for (const t of requiredAntiAffinity(pod)) {
      if (t.topologyKey in labels && state.antiAffinityDomains.has(domain(t.topologyKey, labels[t.topologyKey]))) {
        return status('Unschedulable', ERR_REASON_ANTI_AFFINITY_RULES);
      }
    }
    if (state.existingAntiAffinityDomains.size > 0) {
      for (const [key, value] of Object.entries(labels)) {
        if (state.existingAntiAffinityDomains.has(domain(key, value))) return status('Unschedulable', ERR_REASON_EXISTING_ANTI_AFFINITY_RULES);
      }
    }
    return success();
  },
} satisfies FilterPlugin<InterPodAffinityState>;
