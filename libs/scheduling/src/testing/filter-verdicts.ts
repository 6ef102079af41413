import { Node, Pod } from '@kubesim/api';
import { buildNodeInfos, FilterPlugin, newSnapshot, SKIP } from '../framework';

/** Runs a filter plugin (PreFilter over every node, then Filter unless it returned SKIP) and gives each node's verdict: 'ok' or `Code: first reason`. */
export function filterVerdicts<S>(plugin: FilterPlugin<S>, pod: Pod, nodes: Node[], pods: Pod[]): Record<string, string> {
  const infos = buildNodeInfos(nodes, pods);
  const state = plugin.preFilter?.(pod, newSnapshot(infos));
  return Object.fromEntries(
    infos.map((ni) => {
      // A PreFilter that returns SKIP passes every node without running the filter, as schedulePod does.
      if (state === SKIP) return [ni.node.metadata.name, 'ok'];
      const r = plugin.filter(pod, ni, state as S);
      return [ni.node.metadata.name, r.code === 'Success' ? 'ok' : `${r.code}: ${r.reasons[0]}`];
    }),
  );
}
