import { servedGroupVersions, type ResourceInfo } from './resources';
import { apiResourceList } from './discovery';

/** The media type of aggregated discovery (kubectl ≥ 1.30 asks for it first). */
export const AGGREGATED_DISCOVERY = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** True when the Accept header asks for aggregated discovery (v2; v2beta1 is not served). */
export function wantsAggregated(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params[0] === 'application/json' && params.includes('g=apidiscovery.k8s.io') && params.includes('v=v2') && params.includes('as=APIGroupDiscoveryList');
  });
}

function resourceDiscovery(groupVersion: string, r: ResourceInfo) {
  const entries = apiResourceList(groupVersion).resources;
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
  const subresources = entries
    .filter((e) => e.name.startsWith(`${r.resource}/`))
    .map((e) => {
      const s = e as typeof e & { group?: string; version?: string };
      return { subresource: e.name.slice(r.resource.length + 1), responseKind: { group: s.group ?? group, version: s.version ?? version, kind: e.kind }, verbs: e.verbs };
    });
  return {
    resource: r.resource,
    responseKind: { group, version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: [...r.verbs],
    ...(r.shortNames?.length ? { shortNames: [...r.shortNames] } : {}),
    ...(r.categories ? { categories: [...r.categories] } : {}),
    ...(subresources.length ? { subresources } : {}),
  };
}

/** `/api` (the core group) or `/apis` (every named group) as one APIGroupDiscoveryList. */
export function aggregatedDiscovery(which: 'core' | 'named') {
  const byGroup = new Map<string, string[]>();
  for (const gv of Object.keys(servedGroupVersions())) {
    const named = gv.includes('/');
    if (named !== (which === 'named')) continue;
    const group = named ? gv.split('/')[0] : '';
    byGroup.set(group, [...(byGroup.get(group) ?? []), gv]);
  }
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [...byGroup].map(([name, gvs]) => ({
      metadata: { name, creationTimestamp: null },
      versions: gvs.map((gv) => ({
        version: gv.includes('/') ? gv.split('/')[1] : gv,
        resources: servedGroupVersions()[gv].map((r) => resourceDiscovery(gv, r)),
        freshness: 'Current',
      })),
    })),
  };
}
