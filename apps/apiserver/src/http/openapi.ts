import { createHash } from 'node:crypto';
import { CORE_V1, type ResourceInfo } from './resources';

/**
 * A minimal OpenAPI v3 document for /api/v1: paths and operations with their
 * `x-kubernetes-group-version-kind`, no schemas. It is what kubectl create/replace need: with the
 * default `--validate=strict` kubectl looks up the kind's PATCH operation for a `fieldValidation`
 * query parameter and, finding it, leaves validation to the server instead of downloading schemas.
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

function operation(r: ResourceInfo, action: string, parameters: object[] = []) {
  return {
    operationId: `${action}CoreV1${r.namespaced ? 'Namespaced' : ''}${r.kind}`,
    tags: ['core_v1'],
    parameters,
    responses: OK,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: '', version: 'v1', kind: r.kind },
  };
}

function paths(r: ResourceInfo): Record<string, object> {
  const collection = r.namespaced ? `/api/v1/namespaces/{namespace}/${r.resource}` : `/api/v1/${r.resource}`;
  const scope = r.namespaced ? [NAMESPACE] : [];
  const has = (verb: string) => r.verbs.includes(verb);
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

export function coreV1OpenApi() {
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: Object.assign({}, ...CORE_V1.map(paths)),
    components: { schemas: {} },
  };
}

/** The /openapi/v3 index: one entry per group version, its URL carrying the document's hash. */
export function openApiV3Index(doc: object) {
  const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
  return { paths: { 'api/v1': { serverRelativeURL: `/openapi/v3/api/v1?hash=${hash}` } } };
}
