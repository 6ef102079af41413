/** What apiserver_request_* label a request with (upstream `RequestInfo` and `CleanVerb`). */
export interface RequestAttributes {
  readonly verb: string;
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly subresource: string;
  /** `cluster` (a list across namespaces or of a cluster-scoped kind), `namespace` (a list in one), `resource` (one object), '' for non-resource paths. */
  readonly scope: '' | 'cluster' | 'namespace' | 'resource';
  readonly dryRun: string;
}

/**
 * Upstream's request info for the metrics: the API group and version, the resource and
 * subresource, and the verb as kube-apiserver reports it — LIST and WATCH for collection reads,
 * DELETECOLLECTION, APPLY for a server-side apply patch. Paths outside /api and /apis (healthz,
 * version, openapi, metrics) are non-resource requests with the HTTP method as verb.
 */
export function requestAttributes(method: string, url: string, contentType = ''): RequestAttributes {
  const [path, query = ''] = url.split('?', 2);
  const params = new URLSearchParams(query);
  const dryRun = params.getAll('dryRun').sort().join(',');
  const parts = path.split('/').filter(Boolean);
  const none: RequestAttributes = { verb: method.toUpperCase(), group: '', version: '', resource: '', subresource: '', scope: '', dryRun };
  let rest: string[];
  let group = '';
  let version: string;
  if (parts[0] === 'api' && parts.length >= 3) [version, rest] = [parts[1], parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 4) [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  else return none;
  let watch = params.get('watch') === 'true' || params.get('watch') === '1';
  if (rest[0] === 'watch') [watch, rest] = [true, rest.slice(1)];
  let namespaced = false;
  if (rest[0] === 'namespaces' && rest.length >= 3) [namespaced, rest] = [true, rest.slice(2)];
  else if (rest[0] === 'namespaces' && rest.length === 2) rest = ['namespaces', rest[1]];
  const [resource = '', name, subresource = ''] = rest;
  const scope = name !== undefined ? 'resource' : namespaced ? 'namespace' : 'cluster';
  const m = method.toUpperCase();
  let verb = m;
  if (m === 'GET' || m === 'HEAD') verb = watch ? 'WATCH' : name === undefined ? 'LIST' : 'GET';
  else if (m === 'DELETE' && name === undefined) verb = 'DELETECOLLECTION';
  else if (m === 'PATCH' && contentType.startsWith('application/apply-patch')) verb = 'APPLY';
  return { verb, group, version, resource, subresource, scope, dryRun };
}
