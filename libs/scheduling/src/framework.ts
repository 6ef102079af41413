import { isPodTerminal, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodLabelSelector, StorageClass, Taint } from '@kubesim/api';
import { HostPort, podInfo } from './pod-info';
import { addResources, nodeAllocatable, Resources, ZERO_RESOURCES } from './resources';

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

const SUCCESS: FilterResult = Object.freeze({ code: 'Success', reasons: Object.freeze([]) as unknown as string[] });

/** Success (one shared, frozen value: filters run per node and must not allocate). */
export function success(): FilterResult {
  return SUCCESS;
}

export function status(code: Exclude<Code, 'Success'>, ...reasons: string[]): FilterResult {
  return { code, reasons };
}

/**
 * A node as the scheduler sees it: the node, the pods bound to it and what they take. A value:
 * a change to the node or its pods is a new NodeInfo (see `SchedulerCache`).
 */
export interface NodeInfo {
  readonly node: Node;
  /**
   * Copies of the node's fields every cycle reads, kept on the NodeInfo itself: a cycle touches
   * hundreds of nodes it has not seen for a while, and one object is cheaper to reach than three.
   */
  readonly name: string;
  readonly unschedulable: boolean;
  readonly taints: readonly Taint[];
  readonly pods: readonly Pod[];
  readonly allocatable: Resources;
  /** Real requests of the pods (used by filters); `pods` is the pod count. */
  readonly requested: Resources;
  /** Requests with the 100m / 200Mi per-container defaults (used by scoring). */
  readonly nonZeroRequested: Resources;
  /** Host ports the pods hold (upstream `UsedPorts`). */
  readonly usedPorts: readonly HostPort[];
  /** Pods with any inter-pod (anti-)affinity term (upstream `PodsWithAffinity`). */
  readonly podsWithAffinity: readonly Pod[];
  /** Pods with required anti-affinity terms (upstream `PodsWithRequiredAntiAffinity`). */
  readonly podsWithRequiredAntiAffinity: readonly Pod[];
}

const NO_TAINTS: readonly Taint[] = Object.freeze([]);
const allocatables = new WeakMap<Node, Resources>();
/** `nodeAllocatable`, parsed once per node object (a NodeInfo is rebuilt whenever a pod comes or goes). */
function allocatableOf(node: Node): Resources {
  let a = allocatables.get(node);
  if (!a) allocatables.set(node, (a = nodeAllocatable(node)));
  return a;
}

/**
 * Builds a NodeInfo. Terminal pods (Succeeded/Failed) are dropped: the real scheduler's pod
 * informer excludes them, so they free their node's resources. Each pod's requests come from its
 * `PodInfo`, computed once per pod.
 */
export function newNodeInfo(node: Node, pods: readonly Pod[] = []): NodeInfo {
  const live: Pod[] = [];
  const usedPorts: HostPort[] = [];
  const podsWithAffinity: Pod[] = [];
  const podsWithRequiredAntiAffinity: Pod[] = [];
  let requested = ZERO_RESOURCES;
  let nonZeroRequested = ZERO_RESOURCES;
  for (const p of pods) {
    if (isPodTerminal(p)) continue;
    const info = podInfo(p);
    live.push(p);
    requested = addResources(requested, info.requests);
    nonZeroRequested = addResources(nonZeroRequested, info.nonZeroRequests);
    usedPorts.push(...info.hostPorts);
    if (info.hasAffinity) podsWithAffinity.push(p);
    if (info.hasRequiredAntiAffinity) podsWithRequiredAntiAffinity.push(p);
  }
  return {
    node,
    name: node.metadata.name,
    unschedulable: Boolean(node.spec?.unschedulable),
    taints: node.spec?.taints ?? NO_TAINTS,
    pods: live,
    allocatable: allocatableOf(node),
    requested,
    nonZeroRequested,
    usedPorts,
    podsWithAffinity,
    podsWithRequiredAntiAffinity,
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
 * The cluster as one scheduling cycle sees it (upstream `Snapshot` / `SharedLister`): every
 * NodeInfo in node order, and the nodes holding pods with (anti-)affinity, so that plugins
 * needing those skip the walk over all pods when there are none.
 */
export interface Snapshot {
  readonly nodeInfos: readonly NodeInfo[];
  /** Upstream `HavePodsWithAffinityList`. */
  readonly havePodsWithAffinity: readonly NodeInfo[];
  /** Upstream `HavePodsWithRequiredAntiAffinityList`. */
  readonly havePodsWithRequiredAntiAffinity: readonly NodeInfo[];
}

/** A snapshot over these NodeInfos; the affinity lists are computed when first asked for. */
export function newSnapshot(nodeInfos: readonly NodeInfo[]): Snapshot {
  let withAffinity: readonly NodeInfo[] | undefined;
  let withAnti: readonly NodeInfo[] | undefined;
  return {
    nodeInfos,
    get havePodsWithAffinity() {
      return (withAffinity ??= nodeInfos.filter((ni) => ni.podsWithAffinity.length > 0));
    },
    get havePodsWithRequiredAntiAffinity() {
      return (withAnti ??= nodeInfos.filter((ni) => ni.podsWithRequiredAntiAffinity.length > 0));
    },
  };
}

/**
 * Upstream's `Skip` status from a PreFilter or PreScore: the plugin has nothing to check or score
 * for this pod (no host ports, no spread constraints, no affinity anywhere, …), so its Filter
 * passes every node and its Score gives every node 0 without being called.
 */
export const SKIP: unique symbol = Symbol('Skip');
export type Skip = typeof SKIP;

/**
 * Filter extension point: may the pod run on this node? Must be pure. A plugin may have a
 * PreFilter: it runs once per scheduling cycle (over the whole snapshot, for topology spread and
 * inter-pod affinity; the pod's parsed requests for resource fit), and what it returns is handed
 * to each `filter` call, so nothing about the pod is computed again per node.
 */
export interface FilterPlugin<S = undefined> {
  readonly name: string;
  /** SKIP: nothing to filter for this pod; a rejection (`preFilterReject`) refuses it as a whole — no node is tried, the message stands alone. */
  preFilter?(pod: Pod, snapshot: Snapshot, cycle?: CycleContext): S | Skip | PreFilterRejection;
  filter(pod: Pod, nodeInfo: NodeInfo, state: S): FilterResult;
}

/** A filter plugin with its PreFilter state type erased, as profiles hold them. */
export type AnyFilterPlugin = FilterPlugin<unknown>;

/** Upstream `MaxNodeScore`. */
export const MAX_NODE_SCORE = 100;

/**
 * Score extension point: how good is this feasible node, 0..MAX_NODE_SCORE, multiplied by
 * `weight`. A plugin may have a PreScore (once per cycle, over the feasible nodes and the
 * snapshot; handed to `score`: the pod's requests, the domains' counts) and a NormalizeScore (the raw scores of every feasible
 * node, in order, mapped to 0..MAX_NODE_SCORE).
 */
export interface ScorePlugin<S = undefined> {
  readonly name: string;
  readonly weight: number;
  preScore?(pod: Pod, feasible: readonly NodeInfo[], snapshot: Snapshot, cycle: CycleContext): S | Skip;
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
