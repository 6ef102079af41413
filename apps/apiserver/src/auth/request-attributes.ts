import type { RequestAttributes } from '@kubesim/api';
import { parseApiPath } from '../http/request-path';
import { verbOf } from '../http/verbs';

const LOWER: Record<string, string> = { GET: 'get', HEAD: 'get', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete', OPTIONS: 'options' };

/**
 * kube-apiserver's RequestInfo: `/api/v1/namespaces/ns/pods/web/log` is verb `get` of resource
 * `pods`, subresource `log`, in API group `""`; `/healthz` is the non-resource path it names.
 */
export function requestAttributes(method: string, pathname: string, query: Record<string, unknown>): RequestAttributes {
  const segments = pathname.split('/').filter(Boolean);
  const nonResource = (): RequestAttributes => ({ kind: 'nonResource', verb: LOWER[method] ?? method.toLowerCase(), path: pathname });
  let apiGroup: string;
  let apiVersion: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    [apiGroup, apiVersion, rest] = ['', segments[1], segments.slice(2)];
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    [apiGroup, apiVersion, rest] = [segments[1], segments[2], segments.slice(3)];
  } else return nonResource();
  if (rest[0] === 'namespaces' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize')) {
    return { kind: 'resource', verb: subresourceVerb(method), apiGroup, apiVersion, resource: 'namespaces', subresource: rest[2], namespace: rest[1], name: rest[1] };
  }
  const path = parseApiPath(rest.join('/'));
  switch (path.kind) {
    case 'discovery':
    case 'unknown':
      return nonResource();
    case 'collection':
    case 'item':
    case 'subresource': {
      // `/namespaces/ns` is the Namespace `ns` itself (RequestInfo: resource namespaces, namespace ns).
      const namespace = path.namespace ?? (path.resource === 'namespaces' && path.kind !== 'collection' ? path.name : '');
      const subresource = path.kind === 'subresource' ? path.subresource : '';
      const name = path.kind === 'collection' ? '' : path.name;
      // A WebSocket exec/attach/portforward is a GET that also needs `create` (1.32's
      // AuthorizePodWebsocketUpgradeCreatePermission, on by default): it is authorized as create.
      const streaming = path.kind === 'subresource' && STREAMING.has(path.subresource) && method === 'GET';
      const verb = streaming ? 'create' : path.kind === 'subresource' ? subresourceVerb(method) : (verbOf(method, path, query) ?? LOWER[method] ?? method.toLowerCase());
      return { kind: 'resource', verb, apiGroup, apiVersion, resource: path.resource, subresource, namespace, name };
    }
  }
}

/** Pod subresources that stream over a WebSocket upgrade. */
const STREAMING = new Set(['exec', 'attach', 'portforward']);

function subresourceVerb(method: string): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
    default:
      return method.toLowerCase();
  }
}
