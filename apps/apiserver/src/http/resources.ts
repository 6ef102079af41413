import type { Kind } from '@kubesim/api';

/** The resources this apiserver serves, as discovery describes them. */
export interface ResourceInfo {
  resource: string;
  singular: string;
  kind: Kind;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  subresources: string[];
}

export const CORE_V1: ResourceInfo[] = [
  { resource: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'], verbs: ['create', 'get', 'list', 'watch'], subresources: [] },
  { resource: 'nodes', singular: 'node', kind: 'Node', namespaced: false, shortNames: ['no'], verbs: ['get', 'list', 'watch'], subresources: ['status'] },
  { resource: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'], verbs: ['create', 'delete', 'get', 'list', 'update', 'watch'], subresources: ['status', 'binding'] },
  { resource: 'events', singular: 'event', kind: 'Event', namespaced: true, shortNames: ['ev'], verbs: ['get', 'list', 'watch'], subresources: [] },
];

export function resourceInfo(resource: string): ResourceInfo | undefined {
  return CORE_V1.find((r) => r.resource === resource);
}
