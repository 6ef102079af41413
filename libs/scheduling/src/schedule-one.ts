import { Pod } from '@kubesim/api';
import { preemptionMessage } from './default-preemption';
import { fitErrorMessage, NO_NODES_AVAILABLE_MSG, NodeFilterStatus, preFilterFitErrorMessage } from './fit-error';
import { AnyFilterPlugin, AnyScorePlugin, CycleContext, FilterResult, isPreFilterRejection, MAX_NODE_SCORE, NodeInfo, PreFilterRejection, Profile } from './framework';

export interface PluginScore {
  readonly name: string;
  /** Already multiplied by the plugin's weight. */
  readonly score: number;
}

export interface NodeScore {
  readonly node: string;
  readonly total: number;
  readonly plugins: readonly PluginScore[];
}

export type ScheduleResult =
  | { readonly kind: 'Scheduled'; readonly node: string; readonly scores: readonly NodeScore[] }
  | {
      readonly kind: 'Unschedulable';
      /** The FailedScheduling event / PodScheduled condition message. */
      readonly message: string;
      readonly numAllNodes: number;
      readonly nodeStatuses: readonly NodeFilterStatus[];
      /** Names of the plugins that rejected at least one node, sorted. */
      readonly unschedulablePlugins: readonly string[];
    }
  /** A plugin failed (code Error or an invalid score): retry with back-off, not a FitError. */
  | { readonly kind: 'Error'; readonly message: string };

/** Each filter's PreFilter state for this cycle (undefined for plugins without one), in filter order. */
export function runPreFilterPlugins(filters: readonly AnyFilterPlugin[], pod: Pod, nodeInfos: readonly NodeInfo[], cycle: CycleContext = {}): unknown[] {
  return filters.map((p) => p.preFilter?.(pod, nodeInfos, cycle));
}

/** Runs filters in order and stops at the first one that does not return Success, as upstream. */
export function runFilterPlugins(
  filters: readonly AnyFilterPlugin[],
  pod: Pod,
  nodeInfo: NodeInfo,
  states: readonly unknown[] = [],
): NodeFilterStatus | undefined {
  for (const [i, plugin] of filters.entries()) {
    const r = plugin.filter(pod, nodeInfo, states[i]);
    if (r.code !== 'Success') {
      return { node: nodeInfo.node.metadata.name, plugin: plugin.name, code: r.code, reasons: r.reasons };
    }
  }
  return undefined;
}

/**
 * Runs every score plugin over the feasible nodes (PreScore, Score, NormalizeScore), checks each
 * final score is an integer in [0, MAX_NODE_SCORE], and sums the weighted scores per node.
 */
function scoreNodes(scores: readonly AnyScorePlugin[], pod: Pod, feasible: readonly NodeInfo[], all: readonly NodeInfo[], cycle: CycleContext): NodeScore[] | string {
  const perNode: PluginScore[][] = feasible.map(() => []);
  for (const p of scores) {
    const state = p.preScore?.(pod, feasible, all, cycle);
    const raw = feasible.map((ni) => p.score(pod, ni, state));
    const final = p.normalize ? p.normalize(raw, state, feasible) : raw;
    for (const [i, s] of final.entries()) {
      if (!Number.isInteger(s) || s < 0 || s > MAX_NODE_SCORE) {
        return `plugin "${p.name}" returns an invalid score ${s}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`;
      }
      perNode[i].push({ name: p.name, score: s * p.weight });
    }
  }
  return feasible.map((ni, i) => ({ node: ni.node.metadata.name, total: perNode[i].reduce((a, p) => a + p.score, 0), plugins: perNode[i] }));
}

/** A PreFilter refused the pod: every node carries its status; the message has no node count. */
function preFilterUnschedulable(plugin: string, r: FilterResult, nodeInfos: readonly NodeInfo[]): ScheduleResult {
  if (r.code === 'Error') return { kind: 'Error', message: `running PreFilter plugin "${plugin}": ${r.reasons.join(', ')}` };
  const n = nodeInfos.length;
  const statuses = nodeInfos.map((ni) => ({ node: ni.node.metadata.name, plugin, code: r.code, reasons: r.reasons }));
  return { kind: 'Unschedulable', message: preFilterFitErrorMessage(n, r.reasons.join(', '), preemptionMessage(n, statuses)), numAllNodes: n, nodeStatuses: statuses, unschedulablePlugins: [plugin] };
}

/**
 * One scheduling cycle's algorithm (upstream `schedulePod`): filter every node, then score the
 * feasible ones and pick the highest total, breaking ties with `rand` (a number in [0, 1)).
 */
export function schedulePod(
  pod: Pod,
  nodeInfos: readonly NodeInfo[],
  plugins: Profile,
  rand: () => number,
  cycle: CycleContext = {},
): ScheduleResult {
  if (nodeInfos.length === 0) {
    return { kind: 'Unschedulable', message: NO_NODES_AVAILABLE_MSG, numAllNodes: 0, nodeStatuses: [], unschedulablePlugins: [] };
  }
  const states = runPreFilterPlugins(plugins.filters, pod, nodeInfos, cycle);
  const rejection = states.findIndex(isPreFilterRejection);
  if (rejection >= 0) return preFilterUnschedulable(plugins.filters[rejection].name, (states[rejection] as PreFilterRejection).preFilterRejected, nodeInfos);
  const feasible: NodeInfo[] = [];
  const rejected: NodeFilterStatus[] = [];
  for (const ni of nodeInfos) {
    const s = runFilterPlugins(plugins.filters, pod, ni, states);
    if (!s) feasible.push(ni);
    else if (s.code === 'Error') return { kind: 'Error', message: `running "${s.plugin}" filter plugin: ${s.reasons.join(', ')}` };
    else rejected.push(s);
  }
  if (feasible.length === 0) {
    const n = nodeInfos.length;
    return {
      kind: 'Unschedulable',
      message: fitErrorMessage(n, rejected, preemptionMessage(n, rejected)),
      numAllNodes: n,
      nodeStatuses: rejected,
      unschedulablePlugins: [...new Set(rejected.map((s) => s.plugin))].sort(),
    };
  }
  const scores = scoreNodes(plugins.scores, pod, feasible, nodeInfos, cycle);
  if (typeof scores === 'string') return { kind: 'Error', message: scores };
  const best = Math.max(...scores.map((s) => s.total));
  const ties = scores.filter((s) => s.total === best);
  const pick = ties.length === 1 ? 0 : Math.min(Math.floor(rand() * ties.length), ties.length - 1);
  return { kind: 'Scheduled', node: ties[pick].node, scores };
}
