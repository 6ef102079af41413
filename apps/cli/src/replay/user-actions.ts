import { EVICTION_API_CAUSE, jobAsCreated, TIME_SCALE_ANNOTATION, type KubeObject, type Node, type Pod } from '@kubesim/api';
import { keyOfEvent, Store, type ClusterEvent, type EventOf, type NodeProcessActionKind } from '@kubesim/core';
import type { StoredRecord } from '@kubesim/eventlog';
import { recordTime } from '@kubesim/replay';

/** A controller's pod, named by its owner and its place among the owner's pods (their names are random). */
export interface OwnedPodRef {
  namespace: string;
  /** `ReplicaSet/web-5d8f9c7b6d` */
  owner: string;
  /** 0-based, among the owner's pods then, oldest first. */
  ordinal: number;
}

/** The kinds whose `kubectl scale` is told from an update. */
const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet'] as const;
type ScalableKind = (typeof SCALABLE)[number];
const isScalable = (kind: string): kind is ScalableKind => (SCALABLE as readonly string[]).includes(kind);

/** What a user did, and when: `at` is milliseconds after the cluster was ready (the log's start). */
export type UserAction = { at: number; by: string } & (
  | { type: 'create'; object: KubeObject }
  /** A whole object written again (PUT): spec changes of a Deployment, a Service … */
  | { type: 'update'; object: KubeObject }
  | { type: 'scale'; kind: ScalableKind; namespace: string; name: string; replicas: number }
  /** A JSON merge patch: labels, annotations, a node's taints. */
  | { type: 'patch'; kind: string; namespace: string; name: string; patch: Record<string, unknown> }
  /** A pod's images (`kubectl set image pod`): a strategic merge patch of its containers. */
  | { type: 'set-image'; namespace: string; name: string; images: Record<string, string> }
  | { type: 'delete'; kind: string; namespace: string; name: string; gracePeriodSeconds?: number; ownedPod?: OwnedPodRef }
  | { type: 'cordon' | 'uncordon'; node: string }
  | { type: 'drain'; node: string; force: boolean }
  | { type: 'node'; action: NodeProcessActionKind; name: string; options?: EventOf<'NodeProcessAction'>['node'] }
);

/** The cluster the log started with: the nodes `kubesim up` made, their capacity, its time scale. */
export interface LogCluster {
  nodes: number;
  cpu?: string;
  memory?: string;
  pods?: number;
  /** From the log's node actions; undefined when the log does not say. */
  timeScale?: number;
}

export interface ExtractedActions {
  actions: UserAction[];
  cluster: LogCluster;
  /** When the cluster was ready: actions' `at` counts from there (ms since the epoch). */
  origin: number;
}

/** Writes by a user agent (`kubectl`, `kubesim`) are `user:…`; components name themselves. */
export const isUser = (by: string) => by.startsWith('user:');
const DRAIN = /^kubesim drain (\S+)/;

/**
 * The user actions of a log, in order, each with its time after the log's start: what a user
 * asked of the cluster (creates, updates, deletes, scale, cordon/uncordon/drain, node process
 * actions) and not what components did in reply. Pure.
 */
export function extractUserActions(records: readonly Pick<StoredRecord, 'seq' | 'time' | 'record'>[]): ExtractedActions {
  const store = new Store();
  const raw: { at: number; action: DistributiveOmit<UserAction, 'at'> }[] = [];
  const drains = new Map<string, { at: number; node: string; force: boolean }>();
  const initialNodes = new Set<string>();
  const added = new Set<string>();
  let firstNode: Node | undefined;
  let origin: number | undefined;
  let timeScale: number | undefined;
  /** Nodes whose kubelet is down or cut off: by a recorded action, or as their expired lease says. */
  const nodesDown = new Map<string, 'recorded' | 'unrecorded'>();

  for (const r of records) {
    for (const e of r.record.events) {
      const at = Date.parse(e.at) || recordTime(r);
      const before = store.get(keyOfEvent(e));
      if (e.type === 'NodeRegistered') timeScale ??= annotatedTimeScale(e.node);
      if (e.type === 'NodeRegistered' && !added.has(e.node.metadata.name)) {
        initialNodes.add(e.node.metadata.name);
        firstNode ??= e.node;
        if (raw.length === 0) origin = at;
      }
      if (e.type === 'NodeProcessAction') timeScale = e.timeScale;
      if (isUser(e.by)) {
        origin ??= at;
        // `kubesim drain` cordons with its cause, then evicts through the Eviction API: those evictions are the drain's.
        const evictedFrom = e.cause === EVICTION_API_CAUSE ? (before as Pod | undefined)?.spec?.nodeName : undefined;
        const drain = e.cause ? DRAIN.exec(e.cause) : null;
        const drained = drain?.[1] ?? (evictedFrom && drains.has(evictedFrom) ? evictedFrom : undefined);
        if (drained) {
          const d = drains.get(drained) ?? { at, node: drained, force: false };
          if (e.type === 'PodDeletionRequested' || e.type === 'PodDeleted') d.force ||= !controllerOf(before as Pod | undefined);
          if (!drains.has(drained)) raw.push({ at, action: { type: 'drain', node: drained, force: false, by: e.by } });
          drains.set(drained, d);
        } else {
          const action = actionOf(e, before, store);
          if (action) raw.push({ at, action: { ...action, by: e.by } as DistributiveOmit<UserAction, 'at'> });
          if (e.type === 'NodeProcessAction' && e.action === 'add') {
            added.add(e.name);
            // Its kubelet may have registered before `kubesim up` recorded the add.
            initialNodes.delete(e.name);
          }
        }
      }
      store.apply(r.seq, { v: r.record.v, events: [e] });
      const unrecorded = unrecordedNodeAction(e, at, before as Node | undefined, store, nodesDown);
      if (unrecorded) {
        origin ??= at;
        raw.push(unrecorded);
      }
    }
  }
  // An unrecorded kill is dated back to the kubelet's last lease renewal, before what came between.
  raw.sort((a, b) => a.at - b.at);
  const start = origin ?? 0;
  const actions = raw.map(({ at, action }) => {
    const a = { ...action, at: Math.max(0, at - start) } as UserAction;
    return a.type === 'drain' ? { ...a, force: drains.get(a.node)?.force ?? false } : a;
  });
  const capacity = firstNode?.status.capacity;
  return {
    actions,
    origin: start,
    cluster: {
      nodes: initialNodes.size,
      ...(capacity ? { cpu: capacity.cpu, memory: capacity.memory, pods: capacity.pods === undefined ? undefined : Number(capacity.pods) } : {}),
      timeScale,
    },
  };
}

const LEASE_EXPIRED = /lease expired \(last renewed (\d+)s ago\)/;
const STOPPED: readonly NodeProcessActionKind[] = ['kill', 'stop', 'partition'];

/**
 * A kubelet stopped or restarted outside kubesim (`docker compose kill`, `kill -9`) leaves no action
 * in the log, only its consequences: the node controller's "lease expired (last renewed Ns ago)",
 * then the node Ready again. They are replayed as `kubesim node kill` when it last renewed its lease
 * and `kubesim node start` when it was Ready again; a cut network looks the same and is replayed so.
 */
function unrecordedNodeAction(e: ClusterEvent, at: number, before: Node | undefined, store: Store, down: Map<string, 'recorded' | 'unrecorded'>): { at: number; action: Action & { by: string } } | undefined {
  if (e.type === 'NodeProcessAction') {
    if (STOPPED.includes(e.action)) down.set(e.name, 'recorded');
    else down.delete(e.name);
    return undefined;
  }
  if (e.type === 'NodeConditionChanged' && e.condition.type === 'Ready' && e.condition.status === 'Unknown' && !down.has(e.name)) {
    const renewed = e.cause ? LEASE_EXPIRED.exec(e.cause) : null;
    if (!renewed) return undefined;
    down.set(e.name, 'unrecorded');
    return { at: at - Number(renewed[1]) * 1000, action: { type: 'node', action: 'kill', name: e.name, by: 'unrecorded: its lease expired' } };
  }
  // Ready again without a recorded `kubesim node start|heal`: restarted outside kubesim too. Only a
  // change to Ready is: between a kill and its lease running out the node still says Ready, and its
  // last status reports (or a heartbeat) are not a restart.
  if ((e.type === 'NodeConditionChanged' || e.type === 'NodeStatusReported' || e.type === 'NodeRegistered') && down.has(keyOfEvent(e).name)) {
    const node = store.get(keyOfEvent(e)) as Node | undefined;
    if (!node || !isReady(node) || (before && isReady(before))) return undefined;
    down.delete(node.metadata.name);
    return { at, action: { type: 'node', action: 'start', name: node.metadata.name, by: 'unrecorded: Ready again' } };
  }
  return undefined;
}

const isReady = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';

/** The time scale a kubelet wrote on its Node (logs from before the annotation have none). */
function annotatedTimeScale(node: Node): number | undefined {
  const x = Number(node.metadata.annotations?.[TIME_SCALE_ANNOTATION]);
  return x > 0 ? x : undefined;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Action = DistributiveOmit<UserAction, 'at' | 'by'>;

function actionOf(e: ClusterEvent, before: KubeObject | undefined, store: Store): Action | undefined {
  switch (e.type) {
    case 'NamespaceCreated':
      return { type: 'create', object: cleaned(e.namespace) };
    case 'PodCreated':
      return { type: 'create', object: cleaned(e.pod) };
    case 'ObjectCreated':
      return { type: 'create', object: cleaned(e.object) };
    case 'ObjectUpdated': {
      const prev = before as (KubeObject & { spec?: { replicas?: number } }) | undefined;
      const next = e.object as KubeObject & { spec?: { replicas?: number } };
      if (isScalable(next.kind) && prev && sameButReplicas(prev, next)) {
        return { type: 'scale', kind: next.kind, namespace: next.metadata.namespace ?? '', name: next.metadata.name, replicas: next.spec?.replicas ?? 1 };
      }
      return { type: 'update', object: cleaned(e.object) };
    }
    case 'ObjectDeleted':
      return { type: 'delete', kind: e.kind, namespace: e.namespace, name: e.name };
    case 'PodMetadataUpdated':
      return { type: 'patch', kind: 'Pod', namespace: e.namespace, name: e.name, patch: { metadata: { labels: replacing(before?.metadata.labels, e.labels), annotations: replacing(before?.metadata.annotations, e.annotations) } } };
    case 'PodImagesUpdated':
      return { type: 'set-image', namespace: e.namespace, name: e.name, images: e.images };
    case 'PodSchedulingGatesUpdated':
      return { type: 'patch', kind: 'Pod', namespace: e.namespace, name: e.name, patch: { spec: { schedulingGates: e.schedulingGates.length ? e.schedulingGates : null } } };
    case 'PodDeletionRequested':
      return podDeletion(e.namespace, e.name, before as Pod | undefined, store, e.gracePeriodSeconds);
    case 'PodDeleted':
      // At once: a force deletion of a bound pod, or any deletion of one not placed yet (no grace
      // to give). After a graceful deletion it is the kubelet's event, not a user's.
      return podDeletion(e.namespace, e.name, before as Pod | undefined, store, (before as Pod | undefined)?.spec.nodeName ? 0 : undefined);
    case 'NodeSpecChanged': {
      const prev = before as Node | undefined;
      if (Boolean(prev?.spec.unschedulable) !== Boolean(e.spec.unschedulable)) return { type: e.spec.unschedulable ? 'cordon' : 'uncordon', node: e.name };
      return { type: 'patch', kind: 'Node', namespace: '', name: e.name, patch: { spec: { taints: e.spec.taints ?? null } } };
    }
    case 'NodeMetadataUpdated':
      return { type: 'patch', kind: 'Node', namespace: '', name: e.name, patch: { metadata: { labels: replacing(before?.metadata.labels, e.labels), annotations: replacing(before?.metadata.annotations, e.annotations) } } };
    case 'NodeDeleted':
      return { type: 'delete', kind: 'Node', namespace: '', name: e.name };
    case 'NodeProcessAction':
      return { type: 'node', action: e.action, name: e.name, ...(e.node ? { options: e.node } : {}) };
    // Status, binding and events are components' business, even when a user's client wrote them.
    case 'PodTolerationsUpdated':
    case 'PodBound':
    case 'PodConditionSet':
    case 'PodStatusReported':
    case 'PodPhaseChanged':
    case 'NodeRegistered':
    case 'NodeStatusReported':
    case 'NodeConditionChanged':
    case 'EventRecorded':
    case 'EventExpired':
    case 'EventDeleted':
    case 'NamespaceConditionsSet':
    case 'NamespaceFinalized':
    // A namespace deletion is not resimulated yet (the resimulating CLI deletes no namespaces).
    case 'NamespaceDeletionRequested':
    case 'NamespaceDeleted':
    case 'ObjectStatusUpdated':
    case 'ManagedFieldsUpdated':
      return undefined;
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
}

function podDeletion(namespace: string, name: string, pod: Pod | undefined, store: Store, gracePeriodSeconds: number | undefined): Action {
  const owner = pod && controllerOf(pod);
  const grace = gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds };
  // A StatefulSet's pods have stable names (web-0): the name is the identity.
  if (!owner || owner.startsWith('StatefulSet/')) return { type: 'delete', kind: 'Pod', namespace, name, ...grace };
  const siblings = ownedPods(store.list('Pod') as Iterable<Pod>, namespace, owner);
  return { type: 'delete', kind: 'Pod', namespace, name, ...grace, ownedPod: { namespace, owner, ordinal: Math.max(0, siblings.findIndex((p) => p.metadata.name === name)) } };
}

/** `ReplicaSet/web-5d8f9c7b6d` for a controller's pod; undefined for a pod of its own. */
export function controllerOf(pod: Pod | undefined): string | undefined {
  const ref = pod?.metadata.ownerReferences?.find((o) => o.controller) ?? pod?.metadata.ownerReferences?.[0];
  return ref ? `${ref.kind}/${ref.name}` : undefined;
}

/** An owner's live pods, oldest first (name breaks ties): ordinals index this list. */
export function ownedPods(pods: Iterable<Pod>, namespace: string, owner: string): Pod[] {
  return [...pods]
    .filter((p) => p.metadata.namespace === namespace && controllerOf(p) === owner)
    .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
}

/** An object as a user would send it again: no server-set metadata, no status. */
function cleaned<T extends KubeObject>(o: T): T {
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, generation: _g, deletionTimestamp: _d, deletionGracePeriodSeconds: _dg, ...metadata } = o.metadata as T['metadata'] & Record<string, unknown>;
  const { status: _s, ...rest } = o as T & { status?: unknown };
  return jobAsCreated({ ...rest, metadata }) as T;
}

function sameButReplicas(a: KubeObject & { spec?: object }, b: KubeObject & { spec?: object }): boolean {
  return JSON.stringify({ ...a.spec, replicas: 0 }) === JSON.stringify({ ...b.spec, replicas: 0 }) && JSON.stringify(a.metadata.labels) === JSON.stringify(b.metadata.labels);
}

/** A merge patch that makes a map equal `next`: keys gone are set to null. */
function replacing(prev: Record<string, string> | undefined, next: Record<string, string> | undefined): Record<string, string | null> | null {
  if (!next && !prev) return null;
  const out: Record<string, string | null> = { ...next };
  for (const k of Object.keys(prev ?? {})) if (!(k in out)) out[k] = null;
  return out;
}
