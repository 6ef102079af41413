import type { Kind, KubeObject } from '@kubesim/api';
import type { ClusterEvent } from './events';

/** Identity of an object: its kind, namespace ('' when cluster-scoped) and name. */
export interface ObjectKey {
  kind: Kind;
  namespace: string;
  name: string;
}

export const keyString = (k: ObjectKey): string => `${k.kind}/${k.namespace}/${k.name}`;

export function keyOfObject(o: KubeObject): ObjectKey {
  return { kind: o.kind, namespace: o.metadata.namespace ?? '', name: o.metadata.name };
}

/** The object an event is about: every event is about exactly one object. */
export function keyOfEvent(e: ClusterEvent): ObjectKey {
  switch (e.type) {
    case 'NamespaceCreated':
      return { kind: 'Namespace', namespace: '', name: e.namespace.metadata.name };
    case 'NamespaceDeletionRequested':
    case 'NamespaceConditionsSet':
    case 'NamespaceFinalized':
    case 'NamespaceDeleted':
      return { kind: 'Namespace', namespace: '', name: e.name };
    case 'PodCreated':
      return { kind: 'Pod', namespace: e.pod.metadata.namespace, name: e.pod.metadata.name };
    case 'PodMetadataUpdated':
    case 'PodTolerationsUpdated':
    case 'PodImagesUpdated':
    case 'PodSchedulingGatesUpdated':
    case 'PodBound':
    case 'PodConditionSet':
    case 'PodStatusReported':
    case 'PodPhaseChanged':
    case 'PodDeletionRequested':
    case 'PodDeleted':
      return { kind: 'Pod', namespace: e.namespace, name: e.name };
    case 'NodeRegistered':
      return { kind: 'Node', namespace: '', name: e.node.metadata.name };
    case 'NodeStatusReported':
    case 'NodeSpecChanged':
    case 'NodeMetadataUpdated':
    case 'NodeConditionChanged':
    case 'NodeDeleted':
    case 'NodeProcessAction':
      return { kind: 'Node', namespace: '', name: e.name };
    case 'EventRecorded':
      return { kind: 'Event', namespace: e.event.metadata.namespace, name: e.event.metadata.name };
    case 'EventExpired':
    case 'EventDeleted':
      return { kind: 'Event', namespace: e.namespace, name: e.name };
    case 'ObjectCreated':
    case 'ObjectUpdated':
      return { kind: e.object.kind, namespace: e.object.metadata.namespace ?? '', name: e.object.metadata.name };
    case 'ObjectStatusUpdated':
    case 'ObjectDeleted':
    case 'ManagedFieldsUpdated':
      return { kind: e.kind, namespace: e.namespace, name: e.name };
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
}

const UNSAFE = /[.*>%\s\x00-\x1f\x7f]/g;

/** A subject token: NATS tokens may not contain `.`, `*`, `>` or whitespace; names may hold dots. */
export function encodeToken(s: string): string {
  if (s === '') return '_';
  return s.replace(UNSAFE, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase());
}

export function decodeToken(t: string): string {
  if (t === '_') return '';
  return t.replace(/%([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** `<prefix>.<kind>.<namespace>.<name>`, the subject of an object's events in the stream. */
export function subjectOf(prefix: string, k: ObjectKey): string {
  return `${prefix}.${k.kind.toLowerCase()}.${encodeToken(k.namespace)}.${encodeToken(k.name)}`;
}
