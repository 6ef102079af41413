import { createHash } from 'node:crypto';
import { schemaNameOf, type Verb } from '@kubesim/api';
import { servedGroupVersions, type ResourceInfo } from '../resources';
import { extraSchemas } from './custom-schemas';
import { K8S_SCHEMAS, schemaClosure } from './schemas';

/**
 * The OpenAPI v3 document of a group version: paths and operations with their
 * `x-kubernetes-group-version-kind`, and the component schemas of its kinds with Kubernetes' field
 * descriptions (`kubectl explain`). With the default `--validate=strict` kubectl create/apply look
 * up the kind's PATCH operation for a `fieldValidation` query parameter and, finding it, leave
 * validation to the server. PATCH operations carry no `requestBody`, so kubectl apply keeps
 * computing its strategic merge patches from its built-in types, as before schemas were served.
 * (PATCH is listed for that lookup only; the apiserver answers it with 405 where it is not served.)
 */
const FIELD_VALIDATION = {
  name: 'fieldValidation',
  in: 'query',
  description: 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict',
  schema: { type: 'string', uniqueItems: true },
};
const NAME = { name: 'name', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } };
const NAMESPACE = { name: 'namespace', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } };
const OK = { '200': { description: 'OK' }, '401': { description: 'Unauthorized' } };

const groupOf = (r: ResourceInfo) => r.group;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function operation(r: ResourceInfo, action: string, parameters: object[] = []) {
  const group = groupOf(r);
  return {
    operationId: `${action}${group ? cap(group.split('.')[0]) : 'Core'}${cap(r.version)}${r.namespaced ? 'Namespaced' : ''}${r.kind}`,
    tags: [`${(group || 'core').split('.')[0]}_${r.version}`],
    parameters,
    responses: OK,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group, version: r.version, kind: r.kind },
  };
}

function paths(r: ResourceInfo): Record<string, object> {
  const root = r.groupVersion === 'v1' ? '/api/v1' : `/apis/${r.groupVersion}`;
  const collection = r.namespaced ? `${root}/namespaces/{namespace}/${r.resource}` : `${root}/${r.resource}`;
  const scope = r.namespaced ? [NAMESPACE] : [];
  const has = (verb: Verb) => r.verbs.includes(verb);
  return {
    [collection]: {
      ...(has('list') ? { get: operation(r, 'list') } : {}),
      ...(has('create') ? { post: operation(r, 'create', [FIELD_VALIDATION]) } : {}),
      parameters: scope,
    },
    [`${collection}/{name}`]: {
      get: operation(r, 'get'),
      ...(has('update') ? { put: operation(r, 'replace', [FIELD_VALIDATION]) } : {}),
      ...(has('delete') ? { delete: operation(r, 'delete') } : {}),
      patch: operation(r, 'patch', [FIELD_VALIDATION]),
      parameters: [NAME, ...scope],
    },
  };
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
/** What a group version's operations take and return besides its kinds (subresources, errors). */
const EXTRA_SCHEMAS: Record<string, string[]> = {
  v1: ['io.k8s.api.core.v1.Binding', 'io.k8s.api.policy.v1.Eviction'],
  'apps/v1': ['io.k8s.api.autoscaling.v1.Scale'],
};

/** The document of one group version (`v1`, `apps/v1`). */
export function groupVersionOpenApi(groupVersion: string) {
  const resources = servedGroupVersions()[groupVersion] ?? [];
  const extra = extraSchemas(resources);
  const roots = [
    ...resources.flatMap((r) => [schemaNameOf(r), `${schemaNameOf(r)}List`]).filter((n) => !extra[n]),
    ...(Object.keys(extra).length ? [`${META}.ObjectMeta`, `${META}.ListMeta`] : []),
    ...(EXTRA_SCHEMAS[groupVersion] ?? []),
    `${META}.Status`,
    `${META}.DeleteOptions`,
  ];
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: Object.assign({}, ...resources.map(paths)),
    components: { schemas: Object.fromEntries(Object.entries({ ...schemaClosure(roots.filter((n) => K8S_SCHEMAS[n])), ...extra }).sort(([a], [b]) => a.localeCompare(b))) },
  };
}

export const coreV1OpenApi = () => groupVersionOpenApi('v1');

/** `api/v1` or `apis/apps/v1`: the index key and URL path of a group version. */
export const openApiPath = (groupVersion: string) => (groupVersion === 'v1' ? 'api/v1' : `apis/${groupVersion}`);

/** The /openapi/v3 index: one entry per group version, its URL carrying the document's hash. */
export function openApiV3Index(docs: Record<string, object>) {
  const entry = (path: string, d: object) => {
    const hash = createHash('sha512').update(JSON.stringify(d)).digest('hex').toUpperCase();
    return [path, { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` }] as const;
  };
  return { paths: Object.fromEntries(Object.entries(docs).map(([p, d]) => entry(p, d))) };
}

/** Every served group version's document, keyed by its path (`api/v1`, `apis/apps/v1`). */
export function allOpenApiDocuments(): Record<string, object> {
  return Object.fromEntries(Object.keys(servedGroupVersions()).map((gv) => [openApiPath(gv), groupVersionOpenApi(gv)]));
}
