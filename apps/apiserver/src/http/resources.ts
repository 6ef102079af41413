import type { Kind } from '@kubesim/api';

/** A resource as discovery describes it. */
export interface DiscoveredResource {
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  subresources: string[];
  /** `v1` for the core group, `apps/v1` … */
  groupVersion: string;
  categories?: string[];
}

/** The resources this apiserver stores and serves from its projection. */
export interface ResourceInfo extends DiscoveredResource {
  kind: Kind;
}

const ALL_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

export const CORE_V1: ResourceInfo[] = [
  { resource: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'], verbs: ['create', 'get', 'list', 'watch'], subresources: [], groupVersion: 'v1' },
  { resource: 'nodes', singular: 'node', kind: 'Node', namespaced: false, shortNames: ['no'], verbs: ['delete', 'get', 'list', 'patch', 'watch'], subresources: ['status'], groupVersion: 'v1' },
  { resource: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'], verbs: ALL_VERBS, subresources: ['status', 'binding', 'eviction'], groupVersion: 'v1', categories: ['all'] },
  { resource: 'events', singular: 'event', kind: 'Event', namespaced: true, shortNames: ['ev'], verbs: ['get', 'list', 'watch'], subresources: [], groupVersion: 'v1' },
  { resource: 'services', singular: 'service', kind: 'Service', namespaced: true, shortNames: ['svc'], verbs: ALL_VERBS, subresources: ['status'], groupVersion: 'v1', categories: ['all'] },
];

export const APPS_V1: ResourceInfo[] = [
  { resource: 'deployments', singular: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], verbs: ALL_VERBS, subresources: ['status', 'scale'], groupVersion: 'apps/v1', categories: ['all'] },
  { resource: 'replicasets', singular: 'replicaset', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], verbs: ALL_VERBS, subresources: ['status', 'scale'], groupVersion: 'apps/v1', categories: ['all'] },
  { resource: 'daemonsets', singular: 'daemonset', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'], verbs: ALL_VERBS, subresources: ['status'], groupVersion: 'apps/v1', categories: ['all'] },
];

/** Node leases: read-only views of what the kubelets renew in the NATS KV bucket, not log objects. */
export const COORDINATION_V1: DiscoveredResource[] = [
  { resource: 'leases', singular: 'lease', kind: 'Lease', namespaced: true, shortNames: [], verbs: ['get', 'list'], subresources: [], groupVersion: 'coordination.k8s.io/v1' },
];

/** The stored resources of one group/version (`v1`, `apps/v1`). */
export const GROUP_VERSIONS: Record<string, ResourceInfo[]> = { v1: CORE_V1, 'apps/v1': APPS_V1 };

/** Every group/version discovery lists, with its resources. */
export const SERVED_GROUP_VERSIONS: Record<string, DiscoveredResource[]> = { ...GROUP_VERSIONS, 'coordination.k8s.io/v1': COORDINATION_V1 };

export function resourceInfo(resource: string, groupVersion = 'v1'): ResourceInfo | undefined {
  return GROUP_VERSIONS[groupVersion]?.find((r) => r.resource === resource);
}

/** The kind's resource, in whichever group serves it. */
export function resourceOfKind(kind: string): ResourceInfo | undefined {
  return [...CORE_V1, ...APPS_V1].find((r) => r.kind === kind);
}
