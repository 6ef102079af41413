import type { KubeObject, Namespace, Node, Pod, PodCondition } from '@kubesim/api';
import { managerId, type ManagedFieldsEntry } from '@kubesim/api';
import type { ClusterEvent, ManagedFieldsChange } from './events';

/**
 * The projection, one object at a time: the object after `event`, written at stream sequence
 * `seq` (which becomes its resourceVersion). `undefined` = the object does not exist.
 * Pure: the apiserver's store, every component's cache, `kubesim replay` and the tests all use it.
 */
export function evolve(current: KubeObject | undefined, event: ClusterEvent, seq: number): KubeObject | undefined {
  const rv = String(seq);
  switch (event.type) {
    case 'NamespaceCreated':
      return withRv(event.namespace, rv);
    case 'NamespaceDeletionRequested':
      return namespace(current, (n) => ({ ...n, metadata: { ...n.metadata, resourceVersion: rv, deletionTimestamp: event.deletionTimestamp }, status: { ...n.status, phase: 'Terminating' } }));
    case 'NamespaceConditionsSet':
      return namespace(current, (n) => ({ ...n, metadata: { ...n.metadata, resourceVersion: rv }, status: { ...n.status, conditions: event.conditions } }));
    case 'NamespaceFinalized':
      return namespace(current, (n) => ({ ...n, metadata: { ...n.metadata, resourceVersion: rv }, spec: { ...n.spec, finalizers: event.finalizers } }));
    case 'NamespaceDeleted':
      return current?.kind === 'Namespace' ? undefined : current;
    case 'PodCreated':
      return withRv(event.pod, rv);
    case 'EventRecorded':
      return withRv(event.event, rv);
    case 'EventExpired':
    case 'EventDeleted':
      return current?.kind === 'Event' ? undefined : current;
    case 'NodeRegistered':
      return withRv(event.node, rv);
    case 'PodMetadataUpdated':
      return pod(current, (p) => ({
        ...p,
        metadata: {
          ...p.metadata,
          labels: event.labels,
          annotations: event.annotations,
          ...(event.ownerReferences ? { ownerReferences: event.ownerReferences.length ? event.ownerReferences : undefined } : {}),
          resourceVersion: rv,
        },
      }));
    case 'PodTolerationsUpdated':
      return pod(current, (p) => ({ ...p, metadata: { ...p.metadata, resourceVersion: rv }, spec: { ...p.spec, tolerations: event.tolerations } }));
    case 'PodImagesUpdated':
      return pod(current, (p) => ({
        ...p,
        metadata: { ...p.metadata, resourceVersion: rv },
        spec: {
          ...p.spec,
          containers: p.spec.containers.map((c) => (event.images[c.name] ? { ...c, image: event.images[c.name] } : c)),
          ...(p.spec.initContainers ? { initContainers: p.spec.initContainers.map((c) => (event.images[c.name] ? { ...c, image: event.images[c.name] } : c)) } : {}),
        },
      }));
    case 'PodSchedulingGatesUpdated':
      return pod(current, (p) => {
        const { schedulingGates: _gone, ...spec } = p.spec;
        return { ...p, metadata: { ...p.metadata, resourceVersion: rv }, spec: { ...spec, ...(event.schedulingGates.length ? { schedulingGates: event.schedulingGates } : {}) } as typeof p.spec };
      });
    case 'PodBound':
      return pod(current, (p) => ({ ...p, metadata: { ...p.metadata, resourceVersion: rv }, spec: { ...p.spec, nodeName: event.node } }));
    case 'PodConditionSet':
      return pod(current, (p) => ({
        ...p,
        metadata: { ...p.metadata, resourceVersion: rv },
        status: { ...p.status, conditions: setCondition(p.status.conditions ?? [], event.condition) },
      }));
    case 'PodStatusReported':
      return pod(current, (p) => ({ ...p, metadata: { ...p.metadata, resourceVersion: rv }, status: event.status }));
    case 'PodPhaseChanged':
      return pod(current, (p) => ({ ...p, metadata: { ...p.metadata, resourceVersion: rv }, status: { ...p.status, phase: event.to } }));
    case 'PodDeletionRequested':
      return pod(current, (p) => ({
        ...p,
        metadata: {
          ...p.metadata,
          resourceVersion: rv,
          deletionTimestamp: event.deletionTimestamp,
          deletionGracePeriodSeconds: event.gracePeriodSeconds,
        },
      }));
    case 'PodDeleted':
      return undefined;
    case 'NodeStatusReported':
      return node(current, (n) => ({ ...n, metadata: { ...n.metadata, resourceVersion: rv }, status: event.status }));
    case 'NodeSpecChanged':
      return node(current, (n) => ({ ...n, metadata: { ...n.metadata, resourceVersion: rv }, spec: event.spec }));
    case 'NodeMetadataUpdated':
      return node(current, (n) => ({ ...n, metadata: { ...n.metadata, labels: event.labels, annotations: event.annotations, resourceVersion: rv } }));
    case 'NodeConditionChanged':
      return node(current, (n) => ({
        ...n,
        metadata: { ...n.metadata, resourceVersion: rv },
        status: { ...n.status, conditions: replaceByType(n.status.conditions, event.condition) },
      }));
    case 'NodeDeleted':
      return undefined;
    case 'ObjectCreated':
    case 'ObjectUpdated':
      return withRv(event.object, rv);
    case 'ObjectStatusUpdated':
      return current && current.kind === event.kind ? ({ ...current, metadata: { ...current.metadata, resourceVersion: rv }, status: event.status } as KubeObject) : current;
    case 'ObjectDeleted':
      return undefined;
    case 'ManagedFieldsUpdated':
      return current && current.kind === event.kind ? ({ ...current, metadata: { ...current.metadata, resourceVersion: rv, managedFields: resolveManagedFields(current, event.managedFields) } } as KubeObject) : current;
    // --- what-if (issue 5) ---
    case 'NodeProcessAction':
      // The Node is unchanged but its subject moved on: its resourceVersion follows.
      return node(current, (n) => ({ ...n, metadata: { ...n.metadata, resourceVersion: rv } }));
    // --- end what-if ---
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

function withRv<T extends KubeObject>(o: T, rv: string): T {
  return { ...o, metadata: { ...o.metadata, resourceVersion: rv } };
}

function pod(current: KubeObject | undefined, f: (p: Pod) => Pod): KubeObject | undefined {
  return current?.kind === 'Pod' ? f(current) : current;
}

function namespace(current: KubeObject | undefined, f: (n: Namespace) => Namespace): KubeObject | undefined {
  return current?.kind === 'Namespace' ? f(current) : current;
}

function node(current: KubeObject | undefined, f: (n: Node) => Node): KubeObject | undefined {
  return current?.kind === 'Node' ? f(current) : current;
}

function replaceByType<C extends { type: string }>(list: C[], c: C): C[] {
  const i = list.findIndex((x) => x.type === c.type);
  if (i < 0) return [...list, c];
  return list.map((x, j) => (j === i ? c : x));
}

/** Kubernetes keeps a condition's lastTransitionTime when only its reason or message changes. */
function setCondition(list: PodCondition[], c: PodCondition): PodCondition[] {
  const old = list.find((x) => x.type === c.type);
  const next = old && old.status === c.status ? { ...c, lastTransitionTime: old.lastTransitionTime } : c;
  return replaceByType(list, next);
}

/** The entries of a ManagedFieldsUpdated event, each without fieldsV1 taking its previous entry's. */
function resolveManagedFields(current: KubeObject, changes: ManagedFieldsChange[]): ManagedFieldsEntry[] | undefined {
  if (!changes.length) return undefined;
  const previous = new Map(((current.metadata.managedFields ?? []) as ManagedFieldsEntry[]).map((e) => [managerId(e), e]));
  return changes.map((c) => (c.fieldsV1 ? (c as ManagedFieldsEntry) : { ...c, fieldsType: 'FieldsV1' as const, fieldsV1: previous.get(managerId(c))?.fieldsV1 ?? {} }));
}
