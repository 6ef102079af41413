import { Node, Pod } from '@kubesim/api';
import { buildNodeInfos, CycleContext, ScorePlugin } from '../framework';

/** Runs a score plugin (PreScore, Score, NormalizeScore) with every node feasible; final scores by node name. */
export function scoreOutcomes<S>(plugin: ScorePlugin<S>, pod: Pod, nodes: Node[], pods: Pod[], cycle: CycleContext = {}): Record<string, number> {
  const infos = buildNodeInfos(nodes, pods);
  const state = plugin.preScore?.(pod, infos, infos, cycle) as S;
  const raw = infos.map((ni) => plugin.score(pod, ni, state));
  const final = plugin.normalize ? plugin.normalize(raw, state, infos) : raw;
  return Object.fromEntries(infos.map((ni, i) => [ni.node.metadata.name, final[i]]));
}
