import type { Command } from './commands';
import { alreadyExists, NAMESPACE } from './errors';
import type { ClusterEvent } from './events';
import { makeEvent } from './kube-events';
import { registerNode, setNodeCondition, updateNodeSpec } from './node.decide';
import { bindPod, createPod, deletePod, markPodUnschedulable, reportPodStatus, updatePodMetadata } from './pod.decide';
import { getNamespace, type ClusterView, type DecideContext } from './view';

/**
 * The events a command produces against the current state, or a DomainError. Pure: the same
 * command, view and context always give the same events. An empty list = nothing to change.
 */
export function decide(command: Command, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  switch (command.type) {
    case 'CreateNamespace': {
      const name = command.namespace.metadata.name;
      if (getNamespace(view, name)) throw alreadyExists(NAMESPACE(name));
      return [{ at: new Date(ctx.now).toISOString(), by: ctx.by, type: 'NamespaceCreated', namespace: command.namespace }];
    }
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
    case 'SetNodeCondition':
      return setNodeCondition(command, view, ctx);
    case 'RecordEvent':
      return [{ at: new Date(ctx.now).toISOString(), by: ctx.by, type: 'EventRecorded', event: makeEvent(command.event, ctx, view) }];
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}
