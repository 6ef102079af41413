import { Node, Pod } from '@kubesim/api';
import { buildNodeInfos, CycleContext, newSnapshot, ScorePlugin, SKIP } from '../framework';

/** Runs a score plugin (PreScore, Score, NormalizeScore) with every node feasible; final scores by node name. */
export function scoreOutcomes<S>(plugin: ScorePlugin<S>, pod: Pod, nodes: Node[], pods: Pod[], cycle: CycleContext = {}): Record<string, number> {
  const infos = buildNodeInfos(nodes, pods);
  const state = plugin.preScore?.(pod, infos, newSnapshot(infos), cycle);
  // A PreScore that returns SKIP scores every node 0, as schedulePod does.
  if (state === SKIP) return Object.fromEntries(infos.map((ni) => [ni.node.metadata.name, 0]));
  const raw = infos.map((ni) => plugin.score(pod, ni, state as S));
  const final = plugin.normalize ? plugin.normalize(raw, state as S, infos) : raw;
  return Object.fromEntries(infos.map((ni, i) => [ni.node.metadata.name, final[i]]));
}
