/** The resource names `kubesim get/delete` understand, as kubectl spells them. */
export interface CliResource {
  plural: string;
  kind: string;
  namespaced: boolean;
}

const RESOURCES: Record<string, CliResource> = {};
for (const [names, r] of [
  [['pods', 'pod', 'po'], { plural: 'pods', kind: 'Pod', namespaced: true }],
  [['nodes', 'node', 'no'], { plural: 'nodes', kind: 'Node', namespaced: false }],
  [['events', 'event', 'ev'], { plural: 'events', kind: 'Event', namespaced: true }],
  [['namespaces', 'namespace', 'ns'], { plural: 'namespaces', kind: 'Namespace', namespaced: false }],
] as const) {
  for (const n of names) RESOURCES[n] = r;
}

export function cliResource(name: string): CliResource {
  const r = RESOURCES[name.toLowerCase()];
  if (!r) throw new Error(`the server doesn't have a resource type "${name}"`);
  return r;
}

export function collectionPath(r: CliResource, namespace: string | undefined): string {
  if (!r.namespaced) return `/api/v1/${r.plural}`;
  return namespace === undefined ? `/api/v1/${r.plural}` : `/api/v1/namespaces/${encodeURIComponent(namespace)}/${r.plural}`;
}

export function itemPath(r: CliResource, namespace: string, name: string): string {
  return `${collectionPath(r, namespace)}/${encodeURIComponent(name)}`;
}
