import type { Kind } from '@kubesim/api';

/** The resource names `kubesim get/delete` understand, as kubectl spells them. */
export interface CliResource {
  plural: string;
  kind: Kind;
  namespaced: boolean;
  /** `/api/v1` or `/apis/apps/v1` */
  root?: string;
  /** `deployment.apps` — how kubectl names the kind in messages. */
  qualified?: string;
}

const RESOURCES: Record<string, CliResource> = {};
for (const [names, r] of [
  [['pods', 'pod', 'po'], { plural: 'pods', kind: 'Pod', namespaced: true }],
  [['nodes', 'node', 'no'], { plural: 'nodes', kind: 'Node', namespaced: false }],
  [['events', 'event', 'ev'], { plural: 'events', kind: 'Event', namespaced: true }],
  [['namespaces', 'namespace', 'ns'], { plural: 'namespaces', kind: 'Namespace', namespaced: false }],
  [['services', 'service', 'svc'], { plural: 'services', kind: 'Service', namespaced: true }],
  [['deployments', 'deployment', 'deploy'], { plural: 'deployments', kind: 'Deployment', namespaced: true, root: '/apis/apps/v1', qualified: 'deployment.apps' }],
  [['replicasets', 'replicaset', 'rs'], { plural: 'replicasets', kind: 'ReplicaSet', namespaced: true, root: '/apis/apps/v1', qualified: 'replicaset.apps' }],
  [['daemonsets', 'daemonset', 'ds'], { plural: 'daemonsets', kind: 'DaemonSet', namespaced: true, root: '/apis/apps/v1', qualified: 'daemonset.apps' }],
] as const) {
  for (const n of names) RESOURCES[n] = r;
}

export function cliResource(name: string): CliResource {
  const r = RESOURCES[name.toLowerCase()];
  if (!r) throw new Error(`the server doesn't have a resource type "${name}"`);
  return r;
}

export function collectionPath(r: CliResource, namespace: string | undefined): string {
  const root = r.root ?? '/api/v1';
  if (!r.namespaced) return `${root}/${r.plural}`;
  return namespace === undefined ? `${root}/${r.plural}` : `${root}/namespaces/${encodeURIComponent(namespace)}/${r.plural}`;
}

/** `deployment.apps/web`, `pod/web`: how kubectl names an object in its output. */
export const objectName = (r: CliResource, name: string) => `${r.qualified ?? r.kind.toLowerCase()}/${name}`;

export function itemPath(r: CliResource, namespace: string, name: string): string {
  return `${collectionPath(r, namespace)}/${encodeURIComponent(name)}`;
}
