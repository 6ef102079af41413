import type { Node } from '@kubesim/api';
import type { CommandOf } from './commands';
import { conflict, NODE, notFound } from './errors';
import type { ClusterEvent, EventMeta } from './events';
import { CLUSTER_CIDR, nodeCapacity, nthNodeCidr, parseClusterCidr } from './cluster-cidr';
import { getNode, type ClusterView, type DecideContext } from './view';


const meta = (ctx: DecideContext): EventMeta => ({ at: new Date(ctx.now).toISOString(), by: ctx.by, ...(ctx.cause ? { cause: ctx.cause } : {}) });

/** Pod IPs one node's /24 pod CIDR holds: .2 to .254 (.0 the network, .1 the bridge, .255 broadcast). */
export const POD_IPS_PER_NODE = 253;

/** The first /24 of the cluster CIDR (kube-controller-manager's node IPAM) no node holds yet. */
export function nextPodCidr(nodes: Iterable<Node>, clusterCidr = CLUSTER_CIDR): string {
  const cidr = parseClusterCidr(clusterCidr);
  if ('error' in cidr) throw new Error(`cluster CIDR: ${cidr.error}`);
  const used = new Set<string>();
  for (const n of nodes) if (n.spec.podCIDR) used.add(n.spec.podCIDR);
  for (let i = 0; i < nodeCapacity(cidr); i++) {
    const podCidr = nthNodeCidr(cidr, i);
    if (!used.has(podCidr)) return podCidr;
  }
  throw new Error(`no free /24 left in ${clusterCidr}`);
}

/** A kubelet registers its node; a returning kubelet keeps its spec (pod CIDR, taints, cordon). */
export function registerNode(c: CommandOf<'RegisterNode'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const name = c.node.metadata.name;
  const existing = getNode(view, name);
  if (existing) return [{ ...meta(ctx), type: 'NodeStatusReported', name, status: c.node.status }];
  const podCIDR = c.node.spec.podCIDR ?? nextPodCidr(view.list('Node') as Iterable<Node>, ctx.clusterCidr);
  const node: Node = { ...c.node, spec: { ...c.node.spec, podCIDR, podCIDRs: [podCIDR] } };
  return [{ ...meta(ctx), type: 'NodeRegistered', node }];
}

export function updateNodeSpec(c: CommandOf<'UpdateNodeSpec'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const node = getNode(view, c.name);
  if (!node) throw notFound(NODE(c.name));
  if (c.resourceVersion && c.resourceVersion !== node.metadata.resourceVersion) throw conflict(NODE(c.name));
  // podCIDR is immutable once set.
  const spec = { ...c.spec, podCIDR: node.spec.podCIDR, podCIDRs: node.spec.podCIDRs };
  if (JSON.stringify(spec) === JSON.stringify(node.spec)) return [];
  return [{ ...meta(ctx), type: 'NodeSpecChanged', name: c.name, spec }];
}

/** Only a real change of status, reason or message is an event: heartbeats stay out of the log. */
export function setNodeCondition(c: CommandOf<'SetNodeCondition'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const node = getNode(view, c.name);
  if (!node) throw notFound(NODE(c.name));
  const old = node.status.conditions.find((x) => x.type === c.condition.type);
  if (old && old.status === c.condition.status && old.reason === c.condition.reason && old.message === c.condition.message) return [];
  const condition = old && old.status === c.condition.status ? { ...c.condition, lastTransitionTime: old.lastTransitionTime } : c.condition;
  return [{ ...meta(ctx), type: 'NodeConditionChanged', name: c.name, condition }];
}

export function updateNodeMetadata(c: CommandOf<'UpdateNodeMetadata'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const node = getNode(view, c.name);
  if (!node) throw notFound(NODE(c.name));
  if (c.resourceVersion && c.resourceVersion !== node.metadata.resourceVersion) throw conflict(NODE(c.name));
  if (JSON.stringify(c.labels ?? {}) === JSON.stringify(node.metadata.labels ?? {}) && JSON.stringify(c.annotations ?? {}) === JSON.stringify(node.metadata.annotations ?? {})) return [];
  return [{ ...meta(ctx), type: 'NodeMetadataUpdated', name: c.name, labels: c.labels, annotations: c.annotations }];
}

/** `kubectl delete node`: the Node goes; PodGC removes the pods still bound to it. */
export function deleteNode(c: CommandOf<'DeleteNode'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const node = getNode(view, c.name);
  if (!node) throw notFound(NODE(c.name));
  if (c.uid && c.uid !== node.metadata.uid) throw conflict(NODE(c.name), `Precondition failed: UID in precondition: ${c.uid}, UID in object meta: ${node.metadata.uid}`);
  return [{ ...meta(ctx), type: 'NodeDeleted', name: c.name }];
}
