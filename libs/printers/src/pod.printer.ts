import type { Pod } from '@kubesim/api';
import { AGE_DESCRIPTION, type Columns, column, NAME_DESCRIPTION, NONE } from './columns';
import { humanDuration, humanDurationSince } from './human-duration';
import { type PodSummary, summarizePod } from './pod-summary';

/** `kubectl get pods` columns, as kube-apiserver's Table columnDefinitions for pods. */
export const podColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'The aggregate status of the containers in this pod.'),
  // A string since the cell became "3 (45s ago)".
  column('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  column('Age', AGE_DESCRIPTION),
  column('IP', 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', { priority: 1 }),
  column('Node', 'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename', { priority: 1 }),
  column('Nominated Node', 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.', { priority: 1 }),
  column('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates', { priority: 1 }),
];

/**
 * STATUS: "Running", "Init:1/2", "CrashLoopBackOff", "Terminating", ... It does not depend on the
 * time; `now` is accepted so that all pod cells share one calling convention.
 */
export function podStatusString(pod: Pod, _now?: number): string {
  return summarizePod(pod).status;
}

/** READY: "1/2" — ready app containers and started sidecars over containers plus sidecars. */
export function podReady(pod: Pod): string {
  const { ready, total } = summarizePod(pod);
  return `${ready}/${total}`;
}

/** RESTARTS: "0", or "3 (45s ago)" once a counted container has a last termination time. */
export function podRestarts(pod: Pod, now: number): string {
  return restartsCell(summarizePod(pod), now);
}

/** One row of `kubectl get pods` (`-o wide` when `wide`), cells in `podColumns` order. */
export function podRow(pod: Pod, now: number, wide = false): string[] {
  const summary = summarizePod(pod);
  const cells = [
    pod.metadata.name,
    `${summary.ready}/${summary.total}`,
    summary.status,
    restartsCell(summary, now),
    humanDurationSince(pod.metadata.creationTimestamp, now),
  ];
  if (!wide) return cells;
  return [...cells, podIP(pod) || NONE, pod.spec.nodeName || NONE, pod.status?.nominatedNodeName || NONE, readinessGates(pod)];
}

function restartsCell({ restarts, lastRestart }: PodSummary, now: number): string {
  if (restarts === 0 || lastRestart === undefined) return String(restarts);
  return `${restarts} (${humanDuration(now - lastRestart)} ago)`;
}

/** The apiserver fills podIPs from podIP, so either may be the only one set. */
function podIP(pod: Pod): string {
  return pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '';
}

/** "1/2": readiness-gate conditions that are True, over the gates declared; `<none>` without gates. */
function readinessGates(pod: Pod): string {
  const gates = pod.spec.readinessGates;
  if (!Array.isArray(gates) || gates.length === 0) return NONE;
  const conditions = pod.status?.conditions ?? [];
  const passing = gates.filter((gate: { conditionType?: string }) => conditions.find((c) => c.type === gate?.conditionType)?.status === 'True').length;
  return `${passing}/${gates.length}`;
}
