import { Pod } from '@kubesim/api';
import { preemptionMessage } from './default-preemption';
import { fitErrorMessage, NO_NODES_AVAILABLE_MSG, NodeFilterStatus, preFilterFitErrorMessage } from './fit-error';
import { AnyFilterPlugin, AnyScorePlugin, CycleContext, FilterResult, isPreFilterRejection, MAX_NODE_SCORE, newSnapshot, NodeInfo, PreFilterRejection, Profile, SKIP, Snapshot } from './framework';

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
  | {
      readonly kind: 'Scheduled';
      readonly node: string;
      /** One per feasible node found (at most `numFeasibleNodesToFind`), in the order they were evaluated. */
      readonly scores: readonly NodeScore[];
      /** Nodes filtered this cycle (upstream `EvaluatedNodes`). */
      readonly evaluatedNodes: number;
      /** Where the next cycle starts filtering (upstream `nextStartNodeIndex`). */
      readonly nextStartNodeIndex: number;
    }
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

/** Each filter's PreFilter state for this cycle (undefined for plugins without one, SKIP for a plugin with nothing to do, or a rejection of the whole pod), in filter order. */
export function runPreFilterPlugins(filters: readonly AnyFilterPlugin[], pod: Pod, snapshot: Snapshot, cycle: CycleContext = {}): unknown[] {
  return filters.map((p) => p.preFilter?.(pod, snapshot, cycle));
}

/** Upstream `minFeasibleNodesToFind`: below this many nodes, every node is evaluated. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** Upstream `minFeasibleNodesPercentageToFind`. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * Upstream `numFeasibleNodesToFind`: how many feasible nodes a cycle looks for before it stops
 * filtering. `percentageOfNodesToScore` 0 (the default) is adaptive: 50 % minus 1 % per 125 nodes,
 * at least 5 %, and never fewer than 100 nodes; 100 evaluates every node.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) percentage = Math.max(50 - Math.trunc(numAllNodes / 125), MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

export interface ScheduleOptions {
  /** The first node to filter, as an index into the snapshot's nodes (the previous cycle's `nextStartNodeIndex`). Default 0. */
  readonly startNodeIndex?: number;
  /** Upstream `percentageOfNodesToScore` (0..100); 0 or absent = adaptive. */
  readonly percentageOfNodesToScore?: number;
}

/** Runs filters in order, except those whose PreFilter returned SKIP, and stops at the first one that does not return Success, as upstream. */
export function runFilterPlugins(
  filters: readonly AnyFilterPlugin[],
  pod: Pod,
  nodeInfo: NodeInfo,
  states: readonly unknown[] = [],
): NodeFilterStatus | undefined {
  for (let i = 0; i < filters.length; i++) {
    const state = states[i];
    if (state === SKIP) continue;
    const plugin = filters[i];
    const r = plugin.filter(pod, nodeInfo, state);
    if (r.code !== 'Success') {
      return { node: nodeInfo.name, plugin: plugin.name, code: r.code, reasons: r.reasons };
    }
  }
  return undefined;
}

/** A node's total and, when asked for, each plugin's share (built lazily: cycles only need the totals). */
class LazyNodeScore implements NodeScore {
  constructor(
    readonly node: string,
    readonly total: number,
    private readonly index: number,
    private readonly names: readonly string[],
    private readonly weighted: readonly (readonly number[])[],
  ) {}

  get plugins(): PluginScore[] {
    return this.names.map((name, p) => ({ name, score: this.weighted[p][this.index] }));
  }
}

/** A PreFilter refused the pod: every node carries its status; the message has no node count. */
function preFilterUnschedulable(plugin: string, r: FilterResult, nodeInfos: readonly NodeInfo[]): ScheduleResult {
  if (r.code === 'Error') return { kind: 'Error', message: `running PreFilter plugin "${plugin}": ${r.reasons.join(', ')}` };
  const n = nodeInfos.length;
  const statuses = nodeInfos.map((ni) => ({ node: ni.node.metadata.name, plugin, code: r.code, reasons: r.reasons }));
  return { kind: 'Unschedulable', message: preFilterFitErrorMessage(n, r.reasons.join(', '), preemptionMessage(n, statuses)), numAllNodes: n, nodeStatuses: statuses, unschedulablePlugins: [plugin] };
}

/**
 * Runs every score plugin over the feasible nodes (PreScore, Score, NormalizeScore; a plugin whose
 * PreScore returned SKIP scores 0 everywhere), checks each final score is an integer in
 * [0, MAX_NODE_SCORE], and sums the weighted scores per node.
 */
function scoreNodes(scores: readonly AnyScorePlugin[], pod: Pod, feasible: readonly NodeInfo[], snapshot: Snapshot, cycle: CycleContext): NodeScore[] | string {
  const totals = new Array<number>(feasible.length).fill(0);
  const weighted: number[][] = [];
  for (const p of scores) {
    const state = p.preScore?.(pod, feasible, snapshot, cycle);
    if (state === SKIP) {
      weighted.push(new Array<number>(feasible.length).fill(0));
      continue;
    }
    const raw = new Array<number>(feasible.length);
    for (let i = 0; i < feasible.length; i++) raw[i] = p.score(pod, feasible[i], state);
    const final = p.normalize ? p.normalize(raw, state, feasible) : raw;
    for (let i = 0; i < final.length; i++) {
      const s = final[i];
      if (!Number.isInteger(s) || s < 0 || s > MAX_NODE_SCORE) {
        return `plugin "${p.name}" returns an invalid score ${s}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`;
      }
      final[i] = s * p.weight;
      totals[i] += final[i];
    }
    weighted.push(final);
  }
  const names = scores.map((p) => p.name);
  return feasible.map((ni, i) => new LazyNodeScore(ni.name, totals[i], i, names, weighted));
}

/**
 * One scheduling cycle's algorithm (upstream `schedulePod`): PreFilter once over the snapshot,
 * filter nodes starting at `startNodeIndex` (wrapping around) until `numFeasibleNodesToFind`
 * feasible ones are found or every node was tried, then score the feasible ones and pick the
 * highest total, breaking ties with `rand` (a number in [0, 1)). Below 100 nodes every node is
 * filtered, and a cycle that filtered every node leaves the start index where it was.
 */
export function schedulePod(
  pod: Pod,
  nodes: Snapshot | readonly NodeInfo[],
  plugins: Profile,
  rand: () => number,
  cycle: CycleContext = {},
  options: ScheduleOptions = {},
): ScheduleResult {
  const snapshot = isSnapshot(nodes) ? nodes : newSnapshot(nodes);
  const nodeInfos = snapshot.nodeInfos;
  const n = nodeInfos.length;
  if (n === 0) {
    return { kind: 'Unschedulable', message: NO_NODES_AVAILABLE_MSG, numAllNodes: 0, nodeStatuses: [], unschedulablePlugins: [] };
  }
  const states = runPreFilterPlugins(plugins.filters, pod, snapshot, cycle);
  const rejection = states.findIndex(isPreFilterRejection);
  if (rejection >= 0) return preFilterUnschedulable(plugins.filters[rejection].name, (states[rejection] as PreFilterRejection).preFilterRejected, nodeInfos);
  const wanted = numFeasibleNodesToFind(n, options.percentageOfNodesToScore);
  const start = (options.startNodeIndex ?? 0) % n;
  const feasible: NodeInfo[] = [];
  const rejected: NodeFilterStatus[] = [];
  let evaluated = 0;
  while (evaluated < n && feasible.length < wanted) {
    const ni = nodeInfos[(start + evaluated) % n];
    evaluated++;
    const s = runFilterPlugins(plugins.filters, pod, ni, states);
    if (!s) feasible.push(ni);
    else if (s.code === 'Error') return { kind: 'Error', message: `running "${s.plugin}" filter plugin: ${s.reasons.join(', ')}` };
    else rejected.push(s);
  }
  if (feasible.length === 0) {
    return {
      kind: 'Unschedulable',
      message: fitErrorMessage(n, rejected, preemptionMessage(n, rejected)),
      numAllNodes: n,
      nodeStatuses: rejected,
      unschedulablePlugins: [...new Set(rejected.map((s) => s.plugin))].sort(),
    };
  }
  const scores = scoreNodes(plugins.scores, pod, feasible, snapshot, cycle);
  if (typeof scores === 'string') return { kind: 'Error', message: scores };
  let best = -Infinity;
  for (const s of scores) if (s.total > best) best = s.total;
  const ties = scores.filter((s) => s.total === best);
  const pick = ties.length === 1 ? 0 : Math.min(Math.floor(rand() * ties.length), ties.length - 1);
  return { kind: 'Scheduled', node: ties[pick].node, scores, evaluatedNodes: evaluated, nextStartNodeIndex: (start + evaluated) % n };
}

function isSnapshot(nodes: Snapshot | readonly NodeInfo[]): nodes is Snapshot {
  return !Array.isArray(nodes);
}
