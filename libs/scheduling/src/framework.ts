import { isPodTerminal, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodLabelSelector, StorageClass } from '@kubesim/api';
import { addResources, nodeAllocatable, podRequests, Resources, ZERO_RESOURCES } from './resources';

/** The closed set of plugin result codes (upstream `framework.Code`, minus Wait/Skip/Pending). */
export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error';

/**
 * A filter's verdict on one node. `Unschedulable` means preemption might help (resources);
 * `UnschedulableAndUnresolvable` means evicting pods cannot help (taints, affinity, ...).
 */
export interface FilterResult {
  readonly code: Code;
  readonly reasons: string[];
}

export function success(): FilterResult {
  return { code: 'Success', reasons: [] };
}

export function status(code: Exclude<Code, 'Success'>, ...reasons: string[]): FilterResult {
  return { code, reasons };
}

/** A node as the scheduler sees it: the node, the pods bound to it and what they request. */
export interface NodeInfo {
  readonly node: Node;
  readonly pods: readonly Pod[];
  readonly allocatable: Resources;
  /** Real requests of the pods (used by filters); `pods` is the pod count. */
  readonly requested: Resources;
  /** Requests with the 100m / 200Mi per-container defaults (used by scoring). */
  readonly nonZeroRequested: Resources;
}

/**
 * Builds a NodeInfo. Terminal pods (Succeeded/Failed) are dropped: the real scheduler's pod
 * informer excludes them, so they free their node's resources.
 */
export function newNodeInfo(node: Node, pods: readonly Pod[] = []): NodeInfo {
  const live = pods.filter((p) => !isPodTerminal(p));
  return {
    node,
    pods: live,
    allocatable: nodeAllocatable(node),
    requested: live.reduce((acc, p) => addResources(acc, podRequests(p)), ZERO_RESOURCES),
    nonZeroRequested: live.reduce((acc, p) => addResources(acc, podRequests(p, { nonZero: true })), ZERO_RESOURCES),
  };
}

/** Groups pods by `spec.nodeName` and builds one NodeInfo per node, in node order. */
export function buildNodeInfos(nodes: readonly Node[], pods: readonly Pod[]): NodeInfo[] {
  const byNode = new Map<string, Pod[]>();
  for (const p of pods) {
    const n = p.spec.nodeName;
    if (!n) continue;
    const list = byNode.get(n);
    if (list) list.push(p);
    else byNode.set(n, [p]);
  }
  return nodes.map((n) => newNodeInfo(n, byNode.get(n.metadata.name) ?? []));
}

/**
 * Filter extension point: may the pod run on this node? Must be pure. A plugin that needs the
 * whole cluster (topology spread, inter-pod affinity) also has a PreFilter: it runs once per
 * scheduling cycle over every node, and what it returns is handed to each `filter` call.
 */
export interface FilterPlugin<S = undefined> {
  readonly name: string;
  /** May refuse the pod as a whole (`preFilterReject`): no node is tried, the message stands alone. */
  preFilter?(pod: Pod, nodeInfos: readonly NodeInfo[], cycle?: CycleContext): S | PreFilterRejection;
  filter(pod: Pod, nodeInfo: NodeInfo, state: S): FilterResult;
}

/** A filter plugin with its PreFilter state type erased, as profiles hold them. */
export type AnyFilterPlugin = FilterPlugin<unknown>;

/** Upstream `MaxNodeScore`. */
export const MAX_NODE_SCORE = 100;

/**
 * Score extension point: how good is this feasible node, 0..MAX_NODE_SCORE, multiplied by
 * `weight`. A plugin that compares nodes also has a PreScore (once per cycle, over the feasible
 * nodes and all nodes; handed to `score`) and a NormalizeScore (the raw scores of every feasible
 * node, in order, mapped to 0..MAX_NODE_SCORE).
 */
export interface ScorePlugin<S = undefined> {
  readonly name: string;
  readonly weight: number;
  preScore?(pod: Pod, feasible: readonly NodeInfo[], all: readonly NodeInfo[], cycle: CycleContext): S;
  score(pod: Pod, nodeInfo: NodeInfo, state: S): number;
  normalize?(scores: readonly number[], state: S, feasible: readonly NodeInfo[]): number[];
}

/** What a scheduling cycle knows besides nodes and pods (looked up by the caller, so plugins stay pure). */
export interface CycleContext {
  /** The pods like this one (its Services' and ReplicaSet's selectors), for the default spreading; see `defaultSpreadSelector`. */
  readonly defaultSpreadSelector?: PodLabelSelector;
  /** Claims, volumes and classes, for VolumeBinding (upstream: its listers). */
  readonly volumes?: VolumeListers;
}

/** Read access to the storage objects of the cluster the cycle sees. */
export interface VolumeListers {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
  readonly volumes: readonly PersistentVolume[];
  storageClass(name: string): StorageClass | undefined;
}

/** A PreFilter's non-Success status (upstream returns it from PreFilter; the cycle ends there). */
export interface PreFilterRejection {
  readonly preFilterRejected: FilterResult;
}

export const preFilterReject = (code: Exclude<Code, 'Success'>, reason: string): PreFilterRejection => ({ preFilterRejected: { code, reasons: [reason] } });

export const isPreFilterRejection = (s: unknown): s is PreFilterRejection => typeof s === 'object' && s !== null && 'preFilterRejected' in s;

/** A score plugin with its PreScore state type erased, as profiles hold them. */
export type AnyScorePlugin = ScorePlugin<unknown>;

/** The plugins a scheduling cycle runs, in order. */
export interface Profile {
  readonly filters: readonly AnyFilterPlugin[];
  readonly scores: readonly AnyScorePlugin[];
}
