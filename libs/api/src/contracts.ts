import type { NamespaceCondition, Node, NodeCondition, NodeSpec, ObjectReference, PodCondition, PodStatus, Status, Taint } from './types';

/**
 * Every NATS subject kubesim uses, in one place. Writes go to the apiserver by request/reply
 * (NestJS NATS transport); reads come from the JetStream stream.
 */
export const SUBJECTS = {
  bindPod: 'kubesim.api.pods.bind',
  markPodUnschedulable: 'kubesim.api.pods.unschedulable',
  reportPodStatus: 'kubesim.api.pods.status',
  deletePod: 'kubesim.api.pods.delete',
  registerNode: 'kubesim.api.nodes.register',
  updateNodeSpec: 'kubesim.api.nodes.spec',
  setNodeCondition: 'kubesim.api.nodes.condition',
  recordEvent: 'kubesim.api.events.record',
  // --- node loss (issue 4, node part) ---
  markPodNodeLost: 'kubesim.api.pods.nodelost',
  setPodCondition: 'kubesim.api.pods.condition',
  taintNode: 'kubesim.api.nodes.taint',
  untaintNode: 'kubesim.api.nodes.untaint',
  setNodeUnschedulable: 'kubesim.api.nodes.unschedulable',
  // --- end node loss ---
  // --- workloads (controllers write whole objects) ---
  createObject: 'kubesim.api.objects.create',
  updateObject: 'kubesim.api.objects.update',
  updateObjectStatus: 'kubesim.api.objects.status',
  deleteObject: 'kubesim.api.objects.delete',
  updatePodMetadata: 'kubesim.api.pods.metadata',
  // --- end workloads ---
  // --- what-if (issue 5) ---
  recordNodeProcessAction: 'kubesim.api.nodes.process',
  // --- namespaces (issue 12): the namespace controller's conditions and finalize ---
  namespaceStatus: 'kubesim.api.namespaces.status',
} as const;

/** A kubelet's own request/reply subjects (it answers from memory): `kubesim.kubelet.<node>.logs|exec`. */
export const kubeletSubject = (node: string, what: 'logs' | 'exec') => `kubesim.kubelet.${node}.${what}`;

/** `GET …/pods/NAME/log`, forwarded to the pod's kubelet. `after`: only lines from this index of the instance on (follow). */
export interface PodLogRequest {
  namespace: string;
  name: string;
  uid: string;
  container?: string;
  previous?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  after?: number;
}
export type PodLogReply = { ok: true; text: string; next: number; running: boolean } | { ok: false; status: Status };

/** `kubesim exec POD -- CMD…`: runs CMD in the container until it exits. */
export interface PodExecRequest {
  namespace: string;
  name: string;
  uid: string;
  container?: string;
  command: string[];
  stdin?: string;
}
export type PodExecReply = { ok: true; stdout: string; stderr: string; exitCode: number } | { ok: false; status: Status };

export interface Caller {
  /** The component asking: `default-scheduler`, `kubelet/node-1`, `node-controller`. */
  by: string;
  /** Why, for the log (a replay prints it). */
  cause?: string;
}

export interface BindPodRequest extends Caller {
  namespace: string;
  name: string;
  uid: string;
  node: string;
}
export interface MarkPodUnschedulableRequest extends Caller {
  namespace: string;
  name: string;
  uid: string;
  message: string;
}
export interface ReportPodStatusRequest extends Caller {
  namespace: string;
  name: string;
  uid: string;
  node: string;
  status: PodStatus;
}
export interface DeletePodRequest extends Caller {
  namespace: string;
  name: string;
  uid?: string;
  gracePeriodSeconds?: number;
}
export interface RegisterNodeRequest extends Caller {
  node: Node;
}
export interface UpdateNodeSpecRequest extends Caller {
  name: string;
  spec: NodeSpec;
}
export interface SetNodeConditionRequest extends Caller {
  name: string;
  condition: NodeCondition;
}
export interface RecordEventRequest extends Caller {
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  component: string;
  host?: string;
}

// --- node loss (issue 4, node part) ---
export interface MarkPodNodeLostRequest extends Caller {
  namespace: string;
  name: string;
  uid?: string;
  node: string;
  /** `legacy` (default): phase Unknown, reason NodeLost. `modern`: Ready=False only. */
  policy: 'legacy' | 'modern';
}
export interface SetPodConditionRequest extends Caller {
  namespace: string;
  name: string;
  uid?: string;
  condition: PodCondition;
}
export interface TaintNodeRequest extends Caller {
  name: string;
  taints: Taint[];
}
export interface UntaintNodeRequest extends Caller {
  name: string;
  taints: { key: string; effect: Taint['effect'] }[];
}
export interface SetNodeUnschedulableRequest extends Caller {
  name: string;
  unschedulable: boolean;
}
// --- end node loss ---

// --- workloads ---
export interface CreateObjectRequest extends Caller {
  /** A Pod (admitted like a POST: validation, defaults) or a Service/ReplicaSet/Deployment/DaemonSet. */
  object: Record<string, any>;
}
export interface UpdateObjectRequest extends Caller {
  object: Record<string, any>;
  resourceVersion?: string;
}
export interface UpdateObjectStatusRequest extends Caller {
  kind: string;
  namespace: string;
  name: string;
  status: Record<string, any>;
}
export interface DeleteObjectRequest extends Caller {
  kind: string;
  namespace: string;
  name: string;
  uid?: string;
}
export interface UpdatePodMetadataRequest extends Caller {
  namespace: string;
  name: string;
  uid: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }[];
}
// --- end workloads ---

// --- what-if (issue 5) ---
/** What `kubesim up` did to a node's kubelet process on a user's `kubesim node …` (a log entry only). */
export interface RecordNodeProcessActionRequest extends Caller {
  name: string;
  action: 'kill' | 'start' | 'stop' | 'partition' | 'heal' | 'add';
  node?: NodeProcessOptions;
}

/** The namespace controller: its conditions, and (finalize) the `spec.finalizers` left. */
export interface NamespaceStatusRequest extends Caller {
  name: string;
  conditions: NamespaceCondition[];
  /** Given = finalize: `spec.finalizers` becomes this (a terminating namespace with none is removed). */
  finalizers?: string[];
}

/** Every internal reply: the resulting resourceVersion (and name), or the Status the HTTP API would give. */
export type Reply = { ok: true; resourceVersion: string; name?: string } | { ok: false; status: Status };

/** The settings of a `kubesim node add` (as its flags spell them), kept in the log for a resimulation. */
export interface NodeProcessOptions {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: string;
  taints?: string;
  /** More resources to advertise: `example.com/foo=2,ephemeral-storage=50Gi`. */
  resources?: string;
}
