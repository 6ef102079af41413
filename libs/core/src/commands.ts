import type { NodeProcessCommand } from './node-process.decide';
import type { NodeLossCommand } from './node-loss.decide';
import type { GenericKind, GenericObject, Namespace, NamespaceCondition, Node, NodeCondition, NodeSpec, OwnerReference, Pod, PodStatus, Toleration } from '@kubesim/api';
import type { EventSpec } from './kube-events';

interface PodTarget {
  namespace: string;
  name: string;
  /** When given, the command applies only to this incarnation of the pod (UID precondition). */
  uid?: string;
}

/** What a client may ask of the cluster. Ids and times are already in the command or its context. */
export type Command =
  | { type: 'CreateNamespace'; namespace: Namespace }
  /** DELETE of a namespace: Terminating with a deletionTimestamp; gone at once only when no finalizer is left. */
  | { type: 'DeleteNamespace'; name: string; uid?: string }
  /** The namespace controller's conditions (all five, every pass). */
  | { type: 'SetNamespaceConditions'; name: string; conditions: NamespaceCondition[] }
  /** The `finalize` subresource: `spec.finalizers` replaced; a terminating namespace left with none is removed. */
  | { type: 'FinalizeNamespace'; name: string; finalizers: string[] }
  | { type: 'CreatePod'; pod: Pod }
  | ({
      type: 'UpdatePodMetadata';
      resourceVersion?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
      ownerReferences?: OwnerReference[];
      /** The few spec fields a pod update may change. */
      tolerations?: Toleration[];
      images?: Record<string, string>;
      /** The gates left; only removals are allowed (the apiserver's validation refuses additions). */
      schedulingGates?: { name: string }[];
    } & PodTarget)
  | ({ type: 'BindPod'; node: string } & PodTarget)
  | ({ type: 'MarkPodUnschedulable'; message: string } & PodTarget)
  | ({ type: 'ReportPodStatus'; status: PodStatus; node: string } & PodTarget)
  | ({ type: 'DeletePod'; gracePeriodSeconds?: number; resourceVersion?: string } & PodTarget)
  | { type: 'RegisterNode'; node: Node }
  | { type: 'UpdateNodeSpec'; name: string; spec: NodeSpec; resourceVersion?: string }
  | { type: 'UpdateNodeMetadata'; name: string; labels?: Record<string, string>; annotations?: Record<string, string>; resourceVersion?: string }
  | { type: 'DeleteNode'; name: string; uid?: string }
  | { type: 'SetNodeCondition'; name: string; condition: NodeCondition }
  | { type: 'RecordEvent'; event: EventSpec }
  /** The apiserver's event TTL sweep: expire at most `limit` Events not seen for `ttlSeconds` (× time scale). */
  | { type: 'ExpireEvents'; ttlSeconds: number; limit: number }
  | { type: 'CreateObject'; object: GenericObject }
  | { type: 'UpdateObject'; object: GenericObject; resourceVersion?: string }
  | { type: 'UpdateObjectStatus'; kind: GenericKind; namespace: string; name: string; status: GenericObject['status']; resourceVersion?: string }
  /** `orphanDependents`: DeleteOptions' propagationPolicy Orphan — what it owns loses its reference to it first. */
  /** `foreground`: propagationPolicy Foreground — kept (finalizer `foregroundDeletion`) until its blocking dependents are gone. */
  | { type: 'DeleteObject'; kind: GenericKind; namespace: string; name: string; uid?: string; orphanDependents?: boolean; foreground?: boolean }
  // --- node loss (issue 4, node part): see node-loss.decide.ts ---
  | NodeLossCommand
  // --- what-if (issue 5): see node-process.decide.ts ---
  | NodeProcessCommand;

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
