import type { Verb } from '@kubesim/api';
import type { ResourcePath } from './request-path';
import { isTrue } from './query-flag';

/** The API verb of a request on a collection or an item, as kube-apiserver's RequestInfo names it. */
export function verbOf(method: string, path: ResourcePath, query: Record<string, unknown>): Verb | undefined {
  const collection = path.kind === 'collection';
  switch (method) {
    case 'GET':
    case 'HEAD':
      return collection ? (isTrue(query.watch) ? 'watch' : 'list') : 'get';
    case 'POST':
      return collection ? 'create' : undefined;
    case 'PUT':
      return collection ? undefined : 'update';
    case 'PATCH':
      return collection ? undefined : 'patch';
    case 'DELETE':
      return collection ? 'deletecollection' : 'delete';
    default:
      return undefined;
  }
}
