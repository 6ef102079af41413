import { isPodTerminal, rfc3339, type Node, type Pod, type PodCondition, type Taint } from '@kubesim/api';
import { conflict, NODE, notFound, POD } from './errors';
import type { ClusterEvent, EventMeta } from './events';
import { getNode, getPod, type ClusterView, type DecideContext } from './view';

/**
 * Node loss (issue 4): what the node-lifecycle and taint-eviction controllers and
 * `kubesim cordon` ask of the apiserver. Each command decides against the current state, so a
 * controller working from a slightly stale cache never overwrites another writer's change.
 */
export type NodeLossCommand =
  /** A pod on a node whose lease expired: Ready=False and, with the `legacy` policy, phase Unknown / NodeLost. */
  | { type: 'MarkPodNodeLost'; namespace: string; name: string; uid?: string; node: string; policy: NodeLostPolicy }
  /** Sets one pod condition (DisruptionTarget before a taint eviction). */
  | { type: 'SetPodCondition'; namespace: string; name: string; uid?: string; condition: PodCondition }
  /** Adds taints the node does not have yet (same key and effect = has it). */
  | { type: 'TaintNode'; name: string; taints: Taint[] }
  /** Removes the taints with these key and effect. */
  | { type: 'UntaintNode'; name: string; taints: { key: string; effect: Taint['effect'] }[] }
  /** `kubectl cordon` / `uncordon`. */
  | { type: 'SetNodeUnschedulable'; name: string; unschedulable: boolean };

/** `legacy`: phase Unknown, reason NodeLost (kubectl shows Unknown). `modern`: upstream ≥ 1.19, phase unchanged. */
export type NodeLostPolicy = 'legacy' | 'modern';
export const NODE_LOST_POLICIES: readonly NodeLostPolicy[] = ['legacy', 'modern'];

export type NodeLossCommandType = NodeLossCommand['type'];
export const NODE_LOSS_COMMANDS: readonly NodeLossCommandType[] = ['MarkPodNodeLost', 'SetPodCondition', 'TaintNode', 'UntaintNode', 'SetNodeUnschedulable'];
export const isNodeLossCommand = (c: { type: string }): c is NodeLossCommand => (NODE_LOSS_COMMANDS as readonly string[]).includes(c.type);

const meta = (ctx: DecideContext): EventMeta => ({ at: new Date(ctx.now).toISOString(), by: ctx.by, ...(ctx.cause ? { cause: ctx.cause } : {}) });

export function decideNodeLoss(c: NodeLossCommand, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  switch (c.type) {
    case 'MarkPodNodeLost':
      return markPodNodeLost(c, view, ctx);
    case 'SetPodCondition':
      return setPodCondition(c, view, ctx);
    case 'TaintNode':
      return taintNode(c, view, ctx);
    case 'UntaintNode':
      return untaintNode(c, view, ctx);
    case 'SetNodeUnschedulable':
      return setNodeUnschedulable(c, view, ctx);
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
}

function targetPod(view: ClusterView, c: { namespace: string; name: string; uid?: string }): Pod {
  const pod = getPod(view, c.namespace, c.name);
  if (!pod) throw notFound(POD(c.name));
  if (c.uid && c.uid !== pod.metadata.uid) throw conflict(POD(c.name), `Precondition failed: UID in precondition: ${c.uid}, UID in object meta: ${pod.metadata.uid}`);
  return pod;
}

function targetNode(view: ClusterView, name: string): Node {
  const node = getNode(view, name);
  if (!node) throw notFound(NODE(name));
  return node;
}

/** MarkPodsNotReady (node_lifecycle_controller.go) plus, by default, the pre-1.19 NodeLost phase. */
function markPodNodeLost(c: Extract<NodeLossCommand, { type: 'MarkPodNodeLost' }>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const pod = targetPod(view, c);
  if (pod.spec.nodeName !== c.node) throw conflict(POD(c.name), `pod ${c.name} is not assigned to node "${c.node}"`);
  if (isPodTerminal(pod)) return [];
  const at = rfc3339(ctx.now);
  const conditions = pod.status.conditions ?? [];
  const ready = conditions.find((x) => x.type === 'Ready');
  const notReady: PodCondition = { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: ready?.status === 'False' ? ready.lastTransitionTime : at };
  const lose = c.policy === 'legacy' && pod.status.phase !== 'Unknown';
  if (!lose && ready?.status === 'False') return [];
  const ref = { namespace: c.namespace, name: c.name };
  if (!lose) return [{ ...meta(ctx), type: 'PodConditionSet', ...ref, condition: notReady }];
  const status = {
    ...pod.status,
    phase: 'Unknown' as const,
    reason: 'NodeLost',
    message: `Node ${c.node} which was running pod ${c.name} is unresponsive`,
    conditions: ready ? conditions.map((x) => (x.type === 'Ready' ? notReady : x)) : [...conditions, notReady],
  };
  return [
    { ...meta(ctx), type: 'PodStatusReported', ...ref, status },
    { ...meta(ctx), type: 'PodPhaseChanged', ...ref, from: pod.status.phase, to: 'Unknown', reason: ctx.cause ?? 'NodeLost', node: c.node },
  ];
}

function setPodCondition(c: Extract<NodeLossCommand, { type: 'SetPodCondition' }>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const pod = targetPod(view, c);
  const old = (pod.status.conditions ?? []).find((x) => x.type === c.condition.type);
  if (old && old.status === c.condition.status && old.reason === c.condition.reason && old.message === c.condition.message) return [];
  return [{ ...meta(ctx), type: 'PodConditionSet', namespace: c.namespace, name: c.name, condition: c.condition }];
}

const sameTaint = (a: { key: string; effect: string }, b: { key: string; effect: string }) => a.key === b.key && a.effect === b.effect;

function taintNode(c: Extract<NodeLossCommand, { type: 'TaintNode' }>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const node = targetNode(view, c.name);
  const taints = node.spec.taints ?? [];
  const added = c.taints.filter((t) => !taints.some((x) => sameTaint(x, t)));
  if (added.length === 0) return [];
  return [{ ...meta(ctx), type: 'NodeSpecChanged', name: c.name, spec: { ...node.spec, taints: [...taints, ...added] } }];
}

function untaintNode(c: Extract<NodeLossCommand, { type: 'UntaintNode' }>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const node = targetNode(view, c.name);
  const taints = node.spec.taints ?? [];
  const kept = taints.filter((x) => !c.taints.some((t) => sameTaint(x, t)));
  if (kept.length === taints.length) return [];
  const { taints: _old, ...rest } = node.spec;
  const spec = kept.length === 0 ? rest : { ...rest, taints: kept };
  return [{ ...meta(ctx), type: 'NodeSpecChanged', name: c.name, spec }];
}

function setNodeUnschedulable(c: Extract<NodeLossCommand, { type: 'SetNodeUnschedulable' }>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const node = targetNode(view, c.name);
  if (Boolean(node.spec.unschedulable) === c.unschedulable) return [];
  const { unschedulable: _old, ...rest } = node.spec;
  const spec = c.unschedulable ? { ...rest, unschedulable: true } : rest;
  return [{ ...meta(ctx), type: 'NodeSpecChanged', name: c.name, spec }];
}
