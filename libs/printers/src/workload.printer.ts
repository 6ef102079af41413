import type { DaemonSet, Deployment, PodTemplateSpec, ReplicaSet } from '@kubesim/api';
import { AGE_DESCRIPTION, type Columns, column, NAME_DESCRIPTION, NONE } from './columns';
import { humanDurationSince } from './human-duration';
import { formatLabels, formatLabelSelector } from './selector-format';

const CONTAINERS = column('Containers', 'Names of each container in the template.', { priority: 1 });
const IMAGES = column('Images', 'Images referenced by each container in the template.', { priority: 1 });
const SELECTOR = column('Selector', 'Selector is a label query over pods that should match the replica count.', { priority: 1 });

const containers = (t: PodTemplateSpec) => t.spec.containers.map((c) => c.name).join(',');
const images = (t: PodTemplateSpec) => t.spec.containers.map((c) => c.image).join(',');

/** `kubectl get deployments`: NAME READY UP-TO-DATE AVAILABLE AGE. */
export const deploymentColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Ready', 'Number of the pod with ready state'),
  column('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.', { type: 'integer' }),
  column('Available', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.', { type: 'integer' }),
  column('Age', AGE_DESCRIPTION),
  CONTAINERS,
  IMAGES,
  SELECTOR,
];

export function deploymentRow(d: Deployment, now: number): string[] {
  return [
    d.metadata.name,
    `${d.status.readyReplicas ?? 0}/${d.spec.replicas}`,
    String(d.status.updatedReplicas ?? 0),
    String(d.status.availableReplicas ?? 0),
    humanDurationSince(d.metadata.creationTimestamp, now),
    containers(d.spec.template),
    images(d.spec.template),
    formatLabelSelector(d.spec.selector),
  ];
}

/** `kubectl get replicasets`: NAME DESIRED CURRENT READY AGE. */
export const replicaSetColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Desired', 'Number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1.', { type: 'integer' }),
  column('Current', 'Replicas is the most recently observed number of replicas.', { type: 'integer' }),
  column('Ready', 'readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.', { type: 'integer' }),
  column('Age', AGE_DESCRIPTION),
  CONTAINERS,
  IMAGES,
  SELECTOR,
];

export function replicaSetRow(rs: ReplicaSet, now: number): string[] {
  return [
    rs.metadata.name,
    String(rs.spec.replicas),
    String(rs.status.replicas ?? 0),
    String(rs.status.readyReplicas ?? 0),
    humanDurationSince(rs.metadata.creationTimestamp, now),
    containers(rs.spec.template),
    images(rs.spec.template),
    formatLabelSelector(rs.spec.selector),
  ];
}

/** `kubectl get daemonsets`: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE. */
export const daemonSetColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Desired', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).', { type: 'integer' }),
  column('Current', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.', { type: 'integer' }),
  column('Ready', 'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.', { type: 'integer' }),
  column('Up-to-date', 'The total number of nodes that are running updated daemon pod', { type: 'integer' }),
  column('Available', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)', { type: 'integer' }),
  column('Node Selector', 'NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node\'s labels for the pod to be scheduled on that node.'),
  column('Age', AGE_DESCRIPTION),
  CONTAINERS,
  IMAGES,
  SELECTOR,
];

export function daemonSetRow(ds: DaemonSet, now: number): string[] {
  return [
    ds.metadata.name,
    String(ds.status.desiredNumberScheduled ?? 0),
    String(ds.status.currentNumberScheduled ?? 0),
    String(ds.status.numberReady ?? 0),
    String(ds.status.updatedNumberScheduled ?? 0),
    String(ds.status.numberAvailable ?? 0),
    formatLabels(ds.spec.template.spec.nodeSelector),
    humanDurationSince(ds.metadata.creationTimestamp, now),
    containers(ds.spec.template),
    images(ds.spec.template),
    formatLabelSelector(ds.spec.selector),
  ];
}
