import { SERVED_GROUP_VERSIONS } from './resources';
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
  if (!SERVED_GROUP_VERSIONS[groupVersion]) {
    const target = parseApiPath(m[3]);
    if (target.kind === 'collection' || target.kind === 'item' || target.kind === 'subresource') {
      throw unservedResource(method, `${target.resource}.${m[1]}`, target.kind === 'collection' ? undefined : target.name);
    }
    throw new StatusError(failure(404, 'NotFound', 'the server could not find the requested resource'));
  }
  return { kind: 'resources', groupVersion, rest: m[3] };
}

/** `GET /api/v1`, `GET /apis/apps/v1`: the APIResourceList kubectl maps `deploy`, `po` … with. */
export function apiResourceList(groupVersion: string) {
  const resources = (SERVED_GROUP_VERSIONS[groupVersion] ?? []).flatMap((r) => [
    { name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs, shortNames: r.shortNames, ...(r.categories ? { categories: r.categories } : {}) },
    ...r.subresources.map((s) => ({
      name: `${r.resource}/${s}`,
      singularName: '',
      namespaced: r.namespaced,
      ...(s === 'scale' ? { group: 'autoscaling', version: 'v1' } : s === 'eviction' ? { group: 'policy', version: 'v1' } : {}),
      kind: s === 'binding' ? 'Binding' : s === 'scale' ? 'Scale' : s === 'eviction' ? 'Eviction' : r.kind,
      verbs: s === 'binding' || s === 'eviction' ? ['create'] : ['get', 'patch', 'update'],
    })),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

/** The named groups (`apps`, `coordination.k8s.io`), each with its one version. */
function groups() {
  return Object.keys(SERVED_GROUP_VERSIONS)
    .filter((gv) => gv.includes('/'))
    .map((groupVersion) => {
      const [name, version] = groupVersion.split('/');
      return { name, versions: [{ groupVersion, version }], preferredVersion: { groupVersion, version } };
    });
}

export function apiGroupList() {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups() };
}

export function apiGroup(group: string) {
  const found = groups().find((g) => g.name === group);
  if (!found) throw new StatusError(failure(404, 'NotFound', 'the server could not find the requested resource'));
  return { kind: 'APIGroup', apiVersion: 'v1', ...found };
}
