import type { Subresource } from '@kubesim/api';
import { servedGroupVersions, type ResourceInfo } from './resources';
import { parseApiPath } from './request-path';
import { failure, StatusError, unservedResource } from './status';

/** Where a request under `/api` or `/apis` points. */
export type ApiRoot = { kind: 'groups' } | { kind: 'group'; group: string } | { kind: 'resources'; groupVersion: string; rest: string };

/** `path` under `/api` or `/apis`; `method` names the verb in the 404 for a group version kubesim does not serve. */
export function apiRoot(path: string, method = 'GET'): ApiRoot {
  if (path.startsWith('/api/v1')) return { kind: 'resources', groupVersion: 'v1', rest: path.slice('/api/v1'.length) };
  const m = /^\/apis\/?([^/]*)\/?([^/]*)(.*)$/.exec(path);
  if (!m || !m[1]) return { kind: 'groups' };
  if (!m[2]) return { kind: 'group', group: m[1] };
  const groupVersion = `${m[1]}/${m[2]}`;
  if (!servedGroupVersions()[groupVersion]) {
    const target = parseApiPath(m[3]);
    if (target.kind === 'collection' || target.kind === 'item' || target.kind === 'subresource') {
      throw unservedResource(method, `${target.resource}.${m[1]}`, target.kind === 'collection' ? undefined : target.name);
    }
    throw new StatusError(failure(404, 'NotFound', 'the server could not find the requested resource'));
  }
  return { kind: 'resources', groupVersion, rest: m[3] };
}

/** What a subresource answers with and which verbs it takes, as kube-apiserver's discovery says. */
const SUBRESOURCES: Record<Subresource, (r: ResourceInfo) => { group?: string; version?: string; kind: string; verbs: string[] }> = {
  status: (r) => ({ kind: r.kind, verbs: ['get', 'patch', 'update'] }),
  scale: () => ({ group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] }),
  binding: () => ({ kind: 'Binding', verbs: ['create'] }),
  eviction: () => ({ group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] }),
  log: () => ({ kind: 'Pod', verbs: ['get'] }),
  exec: () => ({ kind: 'PodExecOptions', verbs: ['create', 'get'] }),
};

/** `GET /api/v1`, `GET /apis/apps/v1`: the APIResourceList kubectl maps `deploy`, `po` … with. */
export function apiResourceList(groupVersion: string) {
  const resources = (servedGroupVersions()[groupVersion] ?? []).flatMap((r) => [
    {
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: [...r.verbs],
      ...(r.shortNames?.length ? { shortNames: [...r.shortNames] } : {}),
      ...(r.categories ? { categories: [...r.categories] } : {}),
    },
    ...(r.subresources ?? []).map((s) => {
      const { verbs, ...kind } = SUBRESOURCES[s](r);
      return { name: `${r.resource}/${s}`, singularName: '', namespaced: r.namespaced, ...kind, verbs };
    }),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

/** The named groups (`apps`, `coordination.k8s.io` …) with their served versions, in the table's order. */
function groups() {
  const byGroup = new Map<string, string[]>();
  for (const gv of Object.keys(servedGroupVersions()).filter((gv) => gv.includes('/'))) {
    const [name, version] = gv.split('/');
    byGroup.set(name, [...(byGroup.get(name) ?? []), version]);
  }
  return [...byGroup].map(([name, versions]) => ({
    name,
    versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
    preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
  }));
}

export function apiGroupList() {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups() };
}

export function apiGroup(group: string) {
  const found = groups().find((g) => g.name === group);
  if (!found) throw new StatusError(failure(404, 'NotFound', 'the server could not find the requested resource'));
  return { kind: 'APIGroup', apiVersion: 'v1', ...found };
}
