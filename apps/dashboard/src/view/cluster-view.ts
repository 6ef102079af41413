import { isPodTerminal, type ContainerState, type ContainerStatus, type KubeEvent, type KubeObject, type Node, type Pod } from '@kubesim/api';
import { keyString, type ClusterView as Projection } from '@kubesim/core';
import { daemonSetRow, deploymentRow, eventObject, nodeStatus, podReady, replicaSetRow, statefulSetRow, summarizePod } from '@kubesim/printers';
import { nodeAllocatable, podRequests } from '@kubesim/scheduling';
import type { ClusterView, ContainerView, EventView, NodeLook, NodeView, PodLook, PodView, WorkloadView } from './view.types';

/** The kinds drawn as workloads that group pods. */
export const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob'] as const;

/** How many Events the feed keeps, newest first. */
export const EVENT_FEED = 200;

type Owned = { metadata: { ownerReferences?: { kind: string; name: string; controller?: boolean }[] } };
const controllerOf = (o: Owned) => o.metadata.ownerReferences?.find((r) => r.controller) ?? o.metadata.ownerReferences?.[0];

/** The key of an object in views and the live stream (`Pod/ns/name`, as the store keys it). */
export const viewKey = (o: KubeObject) => keyString({ kind: o.kind, namespace: o.metadata.namespace ?? '', name: o.metadata.name });

function containerState(s: ContainerState | undefined): Pick<ContainerView, 'state' | 'reason' | 'exitCode'> {
  if (s?.running) return { state: 'running', reason: 'Running' };
  if (s?.terminated) return { state: 'terminated', reason: s.terminated.reason ?? `ExitCode:${s.terminated.exitCode}`, exitCode: s.terminated.exitCode };
  if (s?.waiting) return { state: 'waiting', reason: s.waiting.reason ?? 'Waiting' };
  return { state: 'none', reason: '' };
}

function containerView(name: string, image: string, role: ContainerView['role'], st: ContainerStatus | undefined): ContainerView {
  return {
    name,
    role,
    image: st?.image ?? image,
    ...containerState(st?.state),
    ready: st?.ready ?? false,
    restarts: st?.restartCount ?? 0,
    hasPrevious: Boolean(st?.lastState?.terminated),
  };
}

/** One colour per meaning: what a glance at a card should tell. */
export function podLook(p: Pod, status: string): PodLook {
  if (status === 'Unknown') return 'unknown';
  if (status === 'Terminating') return 'terminating';
  if (/CrashLoopBackOff|ImagePullBackOff|ErrImagePull|Error|OOMKilled|ContainerCannotRun|CreateContainerError|Evicted/.test(status)) return 'crash';
  switch (p.status?.phase) {
    case 'Succeeded':
      return 'succeeded';
    case 'Failed':
      return 'failed';
    case 'Running':
      return status === 'Running' ? 'running' : 'notready';
    default:
      return p.spec.nodeName ? 'creating' : 'pending';
  }
}

export function podView(p: Pod, view: Projection): PodView {
  const s = summarizePod(p);
  const statuses = new Map([...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].map((c) => [c.name, c]));
  const init = (p.spec.initContainers ?? []).map((c) => containerView(c.name, c.image, c.restartPolicy === 'Always' ? 'sidecar' : 'init', statuses.get(c.name)));
  const containers = p.spec.containers.map((c) => containerView(c.name, c.image, 'app', statuses.get(c.name)));
  const owner = controllerOf(p);
  let workload = owner ? `${owner.kind}/${owner.name}` : '';
  if (owner?.kind === 'ReplicaSet') {
    const rs = view.get({ kind: 'ReplicaSet', namespace: p.metadata.namespace, name: owner.name }) as (KubeObject & Owned) | undefined;
    const top = rs && controllerOf(rs);
    if (top) workload = `${top.kind}/${top.name}`;
  }
  const scheduled = p.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const started = [...statuses.values()].some((c) => c.state?.running || c.state?.terminated || c.lastState?.terminated);
  const req = podRequests(p);
  return {
    key: viewKey(p),
    namespace: p.metadata.namespace,
    name: p.metadata.name,
    uid: p.metadata.uid ?? '',
    node: p.spec.nodeName ?? '',
    phase: p.status?.phase ?? '',
    status: s.status,
    ready: podReady(p),
    restarts: s.restarts,
    look: podLook(p, s.status),
    podIP: p.status?.podIP ?? '',
    sandbox: p.status?.podIP || started ? 'ready' : p.spec.nodeName && !isPodTerminal(p) ? 'creating' : 'none',
    init,
    containers,
    volumes: ((p.spec as { volumes?: { name: string }[] }).volumes ?? []).map((v) => v.name),
    workload,
    owner: owner ? `${owner.kind}/${owner.name}` : '',
    cpu: req.milliCpu,
    memory: req.memory,
    unschedulable: scheduled?.status === 'False' ? (scheduled.message ?? scheduled.reason ?? '') : '',
    deleting: Boolean(p.metadata.deletionTimestamp),
    created: p.metadata.creationTimestamp ?? '',
  };
}

export function nodeView(n: Node): NodeView {
  const status = nodeStatus(n);
  const ready = (n.status?.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
  const look: NodeLook = !ready ? 'unknown' : ready.status === 'True' ? 'ready' : ready.status === 'Unknown' ? 'unknown' : 'notready';
  const a = nodeAllocatable(n);
  return {
    name: n.metadata.name,
    status,
    look,
    cordoned: Boolean(n.spec?.unschedulable),
    taints: (n.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
    message: ready?.message ?? '',
    cpu: a.milliCpu,
    memory: a.memory,
    pods: a.pods,
    labels: Object.entries(n.metadata.labels ?? {})
      .filter(([k]) => !k.startsWith('kubernetes.io/') && !k.startsWith('beta.kubernetes.io/'))
      .map(([k, v]) => `${k}=${v}`),
  };
}

/** READY as `kubectl get` prints it for the kind (its second column); replicas for the scale box. */
export function workloadView(obj: KubeObject, now: number): WorkloadView | undefined {
  // A workload just created has no status yet; the printers read status fields.
  const o = { ...obj, status: (obj as { status?: object }).status ?? {} } as KubeObject;
  const spec = (o as { spec?: { replicas?: number } }).spec;
  const base = { key: viewKey(o), kind: o.kind, namespace: o.metadata.namespace ?? '', name: o.metadata.name };
  const owned = Boolean(controllerOf(o as KubeObject & Owned));
  switch (o.kind) {
    case 'Deployment':
      return { ...base, ready: deploymentRow(o as never, now)[1], replicas: spec?.replicas ?? 1, scalable: true };
    case 'ReplicaSet':
      return { ...base, ready: `${replicaSetRow(o as never, now)[3]}/${replicaSetRow(o as never, now)[1]}`, replicas: spec?.replicas ?? 1, scalable: !owned };
    case 'DaemonSet':
      return { ...base, ready: `${daemonSetRow(o as never, now)[3]}/${daemonSetRow(o as never, now)[1]}`, scalable: false };
    case 'StatefulSet':
      return { ...base, ready: statefulSetRow(o as never, now)[1], replicas: spec?.replicas ?? 1, scalable: true };
    default:
      return (WORKLOAD_KINDS as readonly string[]).includes(o.kind) ? { ...base, ready: '', scalable: false } : undefined;
  }
}

export function eventView(e: KubeEvent): EventView {
  return {
    key: viewKey(e),
    type: e.type,
    reason: e.reason,
    object: eventObject(e),
    namespace: e.metadata.namespace,
    message: e.message,
    count: e.count,
    last: e.lastTimestamp || e.eventTime || e.firstTimestamp,
  };
}

const byName = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);

/** The view of one object, or undefined for kinds the dashboard does not draw. */
export function objectView(o: KubeObject, view: Projection, now: number): { nodes?: NodeView[]; pods?: PodView[]; workloads?: WorkloadView[]; events?: EventView[] } | undefined {
  switch (o.kind) {
    case 'Pod':
      return { pods: [podView(o, view)] };
    case 'Node':
      return { nodes: [nodeView(o)] };
    case 'Event':
      return { events: [eventView(o)] };
    default: {
      const w = workloadView(o, now);
      return w ? { workloads: [w] } : undefined;
    }
  }
}

/** The whole cluster as the page draws it, at `seq` / `time`. */
export function clusterView(view: Projection, seq: number, time: number): ClusterView {
  const nodes = ([...view.list('Node')] as Node[]).map(nodeView).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const pods = ([...view.list('Pod')] as Pod[]).map((p) => podView(p, view)).sort(byName);
  const workloads = WORKLOAD_KINDS.flatMap((k) => [...view.list(k as never)].map((o) => workloadView(o, time)!)).sort(byName);
  // Sorted before they are turned into views: a long log keeps thousands of Events for an hour.
  const last = (e: KubeEvent) => e.lastTimestamp || e.eventTime || e.firstTimestamp;
  const events = ([...view.list('Event')] as KubeEvent[])
    .sort((a, b) => last(b).localeCompare(last(a)))
    .slice(0, EVENT_FEED)
    .map(eventView);
  return { seq, time, nodes, pods, workloads, events };
}
