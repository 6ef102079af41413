import type { Namespace, Node, NodeCondition, NodeSpec, Pod, PodStatus } from '@kubesim/api';
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
  | { type: 'CreatePod'; pod: Pod }
  | ({ type: 'UpdatePodMetadata'; resourceVersion?: string; labels?: Record<string, string>; annotations?: Record<string, string> } & PodTarget)
  | ({ type: 'BindPod'; node: string } & PodTarget)
  | ({ type: 'MarkPodUnschedulable'; message: string } & PodTarget)
  | ({ type: 'ReportPodStatus'; status: PodStatus; node: string } & PodTarget)
  | ({ type: 'DeletePod'; gracePeriodSeconds?: number; resourceVersion?: string } & PodTarget)
  | { type: 'RegisterNode'; node: Node }
  | { type: 'UpdateNodeSpec'; name: string; spec: NodeSpec; resourceVersion?: string }
  | { type: 'SetNodeCondition'; name: string; condition: NodeCondition }
  | { type: 'RecordEvent'; event: EventSpec };

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
