import { Pod, PodAffinityTerm } from '@kubesim/api';
import { MAX_NODE_SCORE, ScorePlugin, SKIP } from '../framework';
import { PluginName } from '../plugin-names';
import { termMatchesPod } from './inter-pod-affinity.plugin';

/** Upstream `hardPodAffinityWeight` default: what an existing pod's required affinity to the incoming pod is worth. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

type Weighted = { readonly weight: number; readonly podAffinityTerm: PodAffinityTerm };
const preferred = (p: Pod, kind: 'podAffinity' | 'podAntiAffinity'): Weighted[] =>
  p.spec.affinity?.[kind]?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
const required = (p: Pod): PodAffinityTerm[] => p.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];

/** Score per topology domain (`key\0value`). */
export type TopologyScores = ReadonlyMap<string, number>;
const domain = (key: string, value: string) => `${key}\u0000${value}`;

/**
 * InterPodAffinity's score (upstream scoring.go): every existing pod adds, to its node's domain of
 * each term's topology key, the weight of the incoming pod's preferred affinity terms it matches
 * (anti-affinity: minus), of its own preferred (anti-)affinity terms the incoming pod matches, and
 * 1 per required affinity term of its own the incoming pod matches. A node scores its domains'
 * sum; normalizing maps the lowest to 0 and the highest to 100.
 */
export const interPodAffinityScore = {
  name: PluginName.InterPodAffinity,
  weight: 2,
  preScore(pod, _feasible, snapshot) {
    const scores = new Map<string, number>();
    const ns = pod.metadata.namespace;
    const incoming = { affinity: preferred(pod, 'podAffinity'), anti: preferred(pod, 'podAntiAffinity') };
    // Upstream: unless the incoming pod has preferred terms, only pods with affinity can score,
    // so only the nodes holding them are walked (none at all in a cluster without affinity).
    const own = incoming.affinity.length > 0 || incoming.anti.length > 0;
    const add = (term: PodAffinityTerm, termNs: string, target: Pod, labels: Record<string, string>, weight: number) => {
      if (!(term.topologyKey in labels) || !termMatchesPod(term, termNs, target)) return;
      const d = domain(term.topologyKey, labels[term.topologyKey]);
      scores.set(d, (scores.get(d) ?? 0) + weight);
    };
    for (const ni of own ? snapshot.nodeInfos : snapshot.havePodsWithAffinity) {
      const labels = ni.node.metadata.labels ?? {};
      if (Object.keys(labels).length === 0) continue;
      for (const p of own ? ni.pods : ni.podsWithAffinity) {
        for (const t of incoming.affinity) add(t.podAffinityTerm, ns, p, labels, t.weight);
        for (const t of incoming.anti) add(t.podAffinityTerm, ns, p, labels, -t.weight);
        for (const t of required(p)) add(t, p.metadata.namespace, pod, labels, HARD_POD_AFFINITY_WEIGHT);
        for (const t of preferred(p, 'podAffinity')) add(t.podAffinityTerm, p.metadata.namespace, pod, labels, t.weight);
        for (const t of preferred(p, 'podAntiAffinity')) add(t.podAffinityTerm, p.metadata.namespace, pod, labels, -t.weight);
      }
    }
    // Nothing to score anywhere: upstream returns Skip (every node 0).
    return scores.size === 0 ? SKIP : scores;
  },
  score(_pod, { node }, state) {
    if (state.size === 0) return 0;
    let score = 0;
    for (const [key, value] of Object.entries(node.metadata.labels ?? {})) score += state.get(domain(key, value)) ?? 0;
    return score;
  },
  normalize(scores, state) {
    if (state.size === 0) return scores.map(() => 0);
    const min = Math.min(...scores);
    const diff = Math.max(...scores) - min;
    return scores.map((s) => (diff > 0 ? Math.trunc((MAX_NODE_SCORE * (s - min)) / diff) : 0));
  },
} satisfies ScorePlugin<TopologyScores>;
