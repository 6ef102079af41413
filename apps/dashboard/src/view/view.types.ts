/**
 * What the dashboard's browser side draws: plain JSON computed on the server from the projection
 * (the same printers as kubectl), so the page holds no Kubernetes logic of its own.
 */

/** How a pod is drawn; one colour per value, the same everywhere. */
export type PodLook = 'pending' | 'creating' | 'running' | 'notready' | 'succeeded' | 'failed' | 'crash' | 'terminating' | 'unknown';

/** How a node is drawn. */
export type NodeLook = 'ready' | 'notready' | 'unknown';

export interface ContainerView {
  name: string;
  /** `init` runs to completion in order before the app containers; a `sidecar` keeps running. */
  role: 'init' | 'sidecar' | 'app';
  image: string;
  state: 'waiting' | 'running' | 'terminated' | 'none';
  /** The waiting or terminated reason (`ContainerCreating`, `Completed`, `CrashLoopBackOff` …). */
  reason: string;
  exitCode?: number;
  ready: boolean;
  restarts: number;
  /** Whether a previous instance exists (`kubectl logs --previous` has something to show). */
  hasPrevious: boolean;
}

export interface PodView {
  key: string;
  namespace: string;
  name: string;
  uid: string;
  node: string;
  phase: string;
  /** kubectl's STATUS column, verbatim. */
  status: string;
  /** kubectl's READY column (`1/2`). */
  ready: string;
  restarts: number;
  look: PodLook;
  podIP: string;
  /** The pause container: the sandbox holding the network namespace and volumes. */
  sandbox: 'none' | 'creating' | 'ready';
  /** Init containers in order, then sidecars and app containers as declared. */
  init: ContainerView[];
  containers: ContainerView[];
  volumes: string[];
  /** The top owner (Deployment through its ReplicaSet, DaemonSet …), `Kind/name`; '' when none. */
  workload: string;
  /** The direct controller, `Kind/name`. */
  owner: string;
  /** Requested CPU in millicores and memory in bytes (what the scheduler counts). */
  cpu: number;
  memory: number;
  /** Why it is not scheduled yet (the scheduler's PodScheduled=False message). */
  unschedulable: string;
  deleting: boolean;
  created: string;
}

export interface NodeView {
  name: string;
  /** kubectl's STATUS column (`Ready,SchedulingDisabled`). */
  status: string;
  look: NodeLook;
  cordoned: boolean;
  taints: string[];
  /** Why Ready is what it is (the condition's message). */
  message: string;
  cpu: number;
  memory: number;
  pods: number;
  labels: string[];
}

export interface WorkloadView {
  key: string;
  kind: string;
  namespace: string;
  name: string;
  /** READY (`2/3`) as kubectl prints it for the kind. */
  ready: string;
  replicas?: number;
  /** Whether the dashboard offers scale (Deployments and ReplicaSets without an owner). */
  scalable: boolean;
}

export interface EventView {
  key: string;
  type: 'Normal' | 'Warning';
  reason: string;
  object: string;
  namespace: string;
  message: string;
  count: number;
  last: string;
}

export interface ClusterView {
  seq: number;
  /** When the last record happened (ms); the clock AGE is measured against while time travelling. */
  time: number;
  nodes: NodeView[];
  pods: PodView[];
  workloads: WorkloadView[];
  events: EventView[];
}

/** One message of the live stream: the whole view first, then what each record changed. */
export type LiveMessage =
  | { type: 'snapshot'; view: ClusterView }
  | { type: 'change'; seq: number; time: number; upsert: Partial<Pick<ClusterView, 'nodes' | 'pods' | 'workloads' | 'events'>>; remove: string[] };
