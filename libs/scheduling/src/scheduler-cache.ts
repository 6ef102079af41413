import { isPodTerminal, Node, Pod } from '@kubesim/api';
import { newNodeInfo, NodeInfo, Snapshot } from './framework';

/**
 * The scheduler's cache (upstream `internal/cache`): one NodeInfo per node, updated incrementally
 * as nodes and bound pods change, never rebuilt per cycle. A change to a node or its pods replaces
 * that node's NodeInfo only (cost: the pods on that node). `snapshot()` is upstream's
 * `UpdateSnapshot`: the scheduler's one snapshot is brought up to date at the start of a cycle by
 * copying only the NodeInfos that changed since (the whole list only when nodes came or went), so
 * it stays fixed while a (synchronous) cycle runs and is valid until the next `snapshot()` call.
 *
 * Assumed pods (upstream assume/forget): a pod the scheduler has picked a node for counts on that
 * node from `assumePod` on, before the binding is confirmed, so the next cycles see it without
 * waiting for the bind. The bound pod arriving (`updatePod` with `spec.nodeName`) confirms it;
 * `forgetPod` undoes a binding that failed.
 */
export class SchedulerCache {
  /** Node order: the order nodes were first added (the projection's order). */
  private readonly order: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly nodes = new Map<string, Node>();
  private readonly infos: NodeInfo[] = [];
  /** Pods accounted on each node name, known node or not (a pod may arrive before its node). */
  private readonly podsByNode = new Map<string, Map<string, Pod>>();
  /** uid → node name the pod is accounted on. */
  private readonly placement = new Map<string, string>();
  private readonly assumed = new Set<string>();
  private withAffinity = 0;
  private withRequiredAnti = 0;
  /** The snapshot's own list, and the node indices changed since it was last brought up to date. */
  private readonly snapInfos: NodeInfo[] = [];
  private readonly dirty = new Set<number>();
  private nodeSetChanged = false;
  private current?: Snapshot;

  /** Adds or replaces a node (keeps its place in the order). */
  updateNode(node: Node): void {
    const name = node.metadata.name;
    this.nodes.set(name, node);
    if (!this.index.has(name)) {
      this.index.set(name, this.order.length);
      this.order.push(name);
      this.infos.push(undefined as unknown as NodeInfo);
      this.nodeSetChanged = true;
    }
    this.refresh(name);
  }

  /** The node is gone; pods still bound to it stay accounted under its name until they go. */
  removeNode(name: string): void {
    const i = this.index.get(name);
    if (i === undefined) return;
    this.countAffinity(this.infos[i], -1);
    this.nodes.delete(name);
    this.order.splice(i, 1);
    this.infos.splice(i, 1);
    this.index.delete(name);
    for (let j = i; j < this.order.length; j++) this.index.set(this.order[j], j);
    this.nodeSetChanged = true;
    this.current = undefined;
  }

  /**
   * A pod as the projection shows it now. Bound and not terminal: accounted on its node (confirming
   * an assumption). Terminal: no longer accounted. Unbound: ignored while assumed (the binding is
   * under way), otherwise not accounted.
   */
  updatePod(pod: Pod): void {
    const uid = pod.metadata.uid;
    if (isPodTerminal(pod)) return this.removePod(uid);
    const node = pod.spec.nodeName;
    if (!node) {
      if (!this.assumed.has(uid)) this.removePod(uid);
      return;
    }
    this.assumed.delete(uid);
    this.place(pod, node);
  }

  /** The pod is deleted (or its assumption is void): it no longer counts anywhere. */
  removePod(uid: string): void {
    this.assumed.delete(uid);
    const node = this.placement.get(uid);
    if (node === undefined) return;
    this.placement.delete(uid);
    const pods = this.podsByNode.get(node)!;
    pods.delete(uid);
    if (pods.size === 0) this.podsByNode.delete(node);
    this.refresh(node);
  }

  /** Upstream `AssumePod`: `pod` (with `spec.nodeName` set to the chosen node) counts there from now on. */
  assumePod(pod: Pod): void {
    const node = pod.spec.nodeName;
    if (!node) throw new Error(`assuming pod ${pod.metadata.namespace}/${pod.metadata.name} without a node`);
    this.assumed.add(pod.metadata.uid);
    this.place(pod, node);
  }

  /** Upstream `ForgetPod`: the binding failed; an assumed pod stops counting (a confirmed one stays). */
  forgetPod(uid: string): void {
    if (this.assumed.has(uid)) this.removePod(uid);
  }

  isAssumed(uid: string): boolean {
    return this.assumed.has(uid);
  }

  /** The NodeInfo of a node, as of now. */
  nodeInfo(name: string): NodeInfo | undefined {
    const i = this.index.get(name);
    return i === undefined ? undefined : this.infos[i];
  }

  /**
   * The cluster for one scheduling cycle (upstream `UpdateSnapshot`): changes since the last call
   * are copied in, so the cost is what changed. The returned snapshot does not change until the
   * next call (a cycle never sees half an update); do not keep it across cycles.
   */
  snapshot(): Snapshot {
    if (this.current) return this.current;
    if (this.nodeSetChanged) {
      this.snapInfos.length = this.infos.length;
      for (let i = 0; i < this.infos.length; i++) this.snapInfos[i] = this.infos[i];
    } else {
      for (const i of this.dirty) this.snapInfos[i] = this.infos[i];
    }
    this.dirty.clear();
    this.nodeSetChanged = false;
    const nodeInfos: readonly NodeInfo[] = this.snapInfos;
    let withAffinity: readonly NodeInfo[] | undefined = this.withAffinity === 0 ? [] : undefined;
    let withAnti: readonly NodeInfo[] | undefined = this.withRequiredAnti === 0 ? [] : undefined;
    this.current = {
      nodeInfos,
      get havePodsWithAffinity() {
        return (withAffinity ??= nodeInfos.filter((ni) => ni.podsWithAffinity.length > 0));
      },
      get havePodsWithRequiredAntiAffinity() {
        return (withAnti ??= nodeInfos.filter((ni) => ni.podsWithRequiredAntiAffinity.length > 0));
      },
    };
    return this.current;
  }

  private place(pod: Pod, node: string): void {
    const uid = pod.metadata.uid;
    const before = this.placement.get(uid);
    if (before !== undefined && before !== node) this.removePodFrom(uid, before);
    this.placement.set(uid, node);
    let pods = this.podsByNode.get(node);
    if (!pods) this.podsByNode.set(node, (pods = new Map()));
    pods.set(uid, pod);
    this.refresh(node);
  }

  private removePodFrom(uid: string, node: string): void {
    const pods = this.podsByNode.get(node);
    pods?.delete(uid);
    if (pods?.size === 0) this.podsByNode.delete(node);
    this.refresh(node);
  }

  /** Rebuilds one node's NodeInfo from its pods (each pod's requests come from its cached PodInfo). */
  private refresh(name: string): void {
    const i = this.index.get(name);
    if (i === undefined) return;
    const old = this.infos[i];
    if (old) this.countAffinity(old, -1);
    const info = newNodeInfo(this.nodes.get(name)!, [...(this.podsByNode.get(name)?.values() ?? [])]);
    this.infos[i] = info;
    this.countAffinity(info, 1);
    this.dirty.add(i);
    this.current = undefined;
  }

  private countAffinity(info: NodeInfo | undefined, sign: 1 | -1): void {
    if (!info) return;
    this.withAffinity += sign * (info.podsWithAffinity.length > 0 ? 1 : 0);
    this.withRequiredAnti += sign * (info.podsWithRequiredAntiAffinity.length > 0 ? 1 : 0);
  }
}
