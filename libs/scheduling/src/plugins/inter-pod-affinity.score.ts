import { Pod, PodAffinityTerm } from '@kubesim/api';
import { MAX_NODE_SCORE, ScorePlugin } from '../framework';
import { PluginName } from '../plugin-names';
import { termMatchesPod } from './inter-pod-affinity.plugin';

/** Upstream `hardPodAffinityWeight` default: what an existing pod's required affinity to the incoming pod is worth. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

type Weighted = { readonly weight: number; readonly podAffinityTerm: PodAffinityTerm };
const preferred = (p: Pod, kind: 'podAffinity' | 'podAntiAffinity'): Weighted[] =>
  p.spec.affinity?.[kind]?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
const required = (p: Pod): PodAffinityTerm[] => p.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
const hasAffinity = (p: Pod): boolean => Boolean(p.spec.affinity?.podAffinity || p.spec.affinity?.podAntiAffinity);

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
  preScore(pod, _feasible, all) {
    const scores = new Map<string, number>();
    const ns = pod.metadata.namespace;
    const own = hasAffinity(pod);
    const add = (term: PodAffinityTerm, termNs: string, target: Pod, labels: Record<string, string>, weight: number) => {
      if (!(term.topologyKey in labels) || !termMatchesPod(term, termNs, target)) return;
      const d = domain(term.topologyKey, labels[term.topologyKey]);
      scores.set(d, (scores.get(d) ?? 0) + weight);
    };
    for (const { node, pods } of all) {
      const labels = node.metadata.labels ?? {};
      if (Object.keys(labels).length === 0) continue;
      for (const p of pods) {
        // Without terms of its own, only existing pods with affinity can score.
        if (!own && !hasAffinity(p)) continue;
        for (const t of preferred(pod, 'podAffinity')) add(t.podAffinityTerm, ns, p, labels, t.weight);
        for (const t of preferred(pod, 'podAntiAffinity')) add(t.podAffinityTerm, ns, p, labels, -t.weight);
        for (const t of required(p)) add(t, p.metadata.namespace, pod, labels, HARD_POD_AFFINITY_WEIGHT);
        for (const t of preferred(p, 'podAffinity')) add(t.podAffinityTerm, p.metadata.namespace, pod, labels, t.weight);
        for (const t of preferred(p, 'podAntiAffinity')) add(t.podAffinityTerm, p.metadata.namespace, pod, labels, -t.weight);
      }
    }
    return scores;
  },
  score(_pod, { node }, state) {
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
