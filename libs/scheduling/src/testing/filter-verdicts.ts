import { Node, Pod } from '@kubesim/api';
import { buildNodeInfos, FilterPlugin } from '../framework';

/** Runs a filter plugin (PreFilter over every node, then Filter) and gives each node's verdict: 'ok' or `Code: first reason`. */
export function filterVerdicts<S>(plugin: FilterPlugin<S>, pod: Pod, nodes: Node[], pods: Pod[]): Record<string, string> {
  const infos = buildNodeInfos(nodes, pods);
  const state = plugin.preFilter?.(pod, infos) as S;
  return Object.fromEntries(
    infos.map((ni) => {
      const r = plugin.filter(pod, ni, state);
      return [ni.node.metadata.name, r.code === 'Success' ? 'ok' : `${r.code}: ${r.reasons[0]}`];
    }),
  );
}
