import type { KubeObject } from '@kubesim/api';
import { badRequest } from './status';

export interface Page {
  items: KubeObject[];
  /** Token for the next page; absent on the last one. */
  continue?: string;
  remainingItemCount?: number;
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/**
 * `limit` and `continue` (kubectl lists with `?limit=500`). Items are sorted by namespace and name,
 * so the token is the last key served. kubesim serves later pages from the current state, not from
 * a snapshot at the first page's resourceVersion (docs/decisions.md).
 */
export function paginate(sorted: KubeObject[], query: Record<string, unknown>): Page {
  let items = sorted;
  if (typeof query.continue === 'string' && query.continue !== '') {
    let after: string;
    try {
      after = JSON.parse(Buffer.from(query.continue, 'base64url').toString('utf8')).after;
      if (typeof after !== 'string') throw new Error('bad token');
    } catch {
      throw badRequest('continue key is not valid: illegal base64 data or unknown format');
    }
    items = items.filter((o) => keyOf(o) > after);
  }
  const limit = query.limit === undefined ? 0 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`invalid limit: ${String(query.limit)}`);
  if (limit === 0 || items.length <= limit) return { items };
  const page = items.slice(0, limit);
  return {
    items: page,
    continue: Buffer.from(JSON.stringify({ after: keyOf(page[page.length - 1]) })).toString('base64url'),
    remainingItemCount: items.length - limit,
  };
}
