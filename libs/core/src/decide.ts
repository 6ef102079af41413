import { recordNodeProcessAction } from './node-process.decide';
import { decideNodeLoss } from './node-loss.decide';
import type { Command } from './commands';
import type { ClusterEvent } from './events';
import { createObject, deleteObject, updateObject, updateObjectStatus } from './generic.decide';
import { expireEvents } from './event-ttl.decide';
import { makeEvent } from './kube-events';
import { registerNode, setNodeCondition, deleteNode, updateNodeMetadata, updateNodeSpec } from './node.decide';
import { bindPod, createPod, deletePod, markPodUnschedulable, reportPodStatus, updatePodMetadata } from './pod.decide';
import type { ClusterView, DecideContext } from './view';
import { createNamespace, deleteNamespace, finalizeNamespace, setNamespaceConditions } from './namespace.decide';

/**
 * The events a command produces against the current state, or a DomainError. Pure: the same
 * command, view and context always give the same events. An empty list = nothing to change.
 */
export function decide(command: Command, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  switch (command.type) {
    case 'CreateNamespace':
      return createNamespace(command, view, ctx);
    case 'DeleteNamespace':
      return deleteNamespace(command, view, ctx);
    case 'SetNamespaceConditions':
      return setNamespaceConditions(command, view, ctx);
    case 'FinalizeNamespace':
      return finalizeNamespace(command, view, ctx);
    case 'CreatePod':
      return createPod(command, view, ctx);
    case 'UpdatePodMetadata':
      return updatePodMetadata(command, view, ctx);
    case 'BindPod':
      return bindPod(command, view, ctx);
    case 'MarkPodUnschedulable':
      return markPodUnschedulable(command, view, ctx);
    case 'ReportPodStatus':
      return reportPodStatus(command, view, ctx);
    case 'DeletePod':
      return deletePod(command, view, ctx);
    case 'RegisterNode':
      return registerNode(command, view, ctx);
    case 'UpdateNodeSpec':
      return updateNodeSpec(command, view, ctx);
    case 'UpdateNodeMetadata':
      return updateNodeMetadata(command, view, ctx);
    case 'DeleteNode':
      return deleteNode(command, view, ctx);
    case 'SetNodeCondition':
      return setNodeCondition(command, view, ctx);
    case 'CreateObject':
      return createObject(command, view, ctx);
    case 'UpdateObject':
      return updateObject(command, view, ctx);
    case 'UpdateObjectStatus':
      return updateObjectStatus(command, view, ctx);
    case 'DeleteObject':
      return deleteObject(command, view, ctx);
    case 'RecordEvent':
      return [{ at: new Date(ctx.now).toISOString(), by: ctx.by, type: 'EventRecorded', event: makeEvent(command.event, ctx, view) }];
    case 'ExpireEvents':
      return expireEvents(command, view, ctx);
    // --- node loss (issue 4, node part) ---
    case 'MarkPodNodeLost':
    case 'SetPodCondition':
    case 'TaintNode':
    case 'UntaintNode':
    case 'SetNodeUnschedulable':
      return decideNodeLoss(command, view, ctx);
    // --- end node loss ---
    case 'RecordNodeProcessAction':
      return recordNodeProcessAction(command, ctx);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}
