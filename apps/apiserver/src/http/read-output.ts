import type { KubeObject } from '@kubesim/api';
import { negotiateOutput, tableContentType } from './accept';
import { listBody, type Query } from './list';
import { paginate } from './paging';
import { parseIncludeObject, toTable } from './table';
import { tableWatchEncoder } from './table-watch';
import type { WatchOptions } from './watch';

/** A non-streamed answer of the REST controller. */
export interface Reply {
  code: number;
  body: unknown;
  contentType?: string;
}

type Params = Record<string, unknown>;

/** GET of one object: the object, or a one-row Table when the Accept header asks for one. */
/** How a stored object is shown in the requested version (a conversion); Tables print the stored form. */
export type Present = (o: KubeObject) => unknown;
const asStored: Present = (o) => o;

export function objectReply(o: KubeObject, accept: string | undefined, query: Params, now = Date.now(), present: Present = asStored): Reply {
  const out = negotiateOutput(accept);
  if (out.as === 'Object') return { code: 200, body: present(o) };
  const includeObject = parseIncludeObject(query.includeObject);
  const body = toTable(o.kind, [o], o.metadata.resourceVersion, { version: out.version, includeObject, now });
  return { code: 200, body, contentType: tableContentType(out.version) };
}

/** LIST: the `<Kind>List`, or a Table of the items when the Accept header asks for one. */
export function listReply(q: Query, all: KubeObject[], resourceVersion: number, accept: string | undefined, query: Params, now = Date.now(), present: Present = asStored): Reply {
  const out = negotiateOutput(accept);
  const page = paginate(all, query);
  const more = page.continue ? { continue: page.continue, remainingItemCount: page.remainingItemCount } : {};
  if (out.as === 'Object') {
    const body = listBody(q, page.items.map((i) => present(i) as KubeObject), resourceVersion);
    return { code: 200, body: { ...body, metadata: { ...body.metadata, ...more } } };
  }
  const includeObject = parseIncludeObject(query.includeObject);
  const body = toTable(q.info.kind, page.items, String(resourceVersion), { version: out.version, includeObject, now }) as { metadata: object };
  return { code: 200, body: { ...body, metadata: { ...body.metadata, ...more } }, contentType: tableContentType(out.version) };
}

/** WATCH: how each event's object is encoded; Tables of one row when the Accept header asks for them. */
export function watchEncoding(q: Query, accept: string | undefined, query: Params, present: Present = asStored): Pick<WatchOptions, 'encode' | 'contentType'> {
  const out = negotiateOutput(accept);
  if (out.as === 'Object') return present === asStored ? {} : { encode: (type, o) => (type === 'BOOKMARK' ? o : present(o as KubeObject)) };
  const includeObject = parseIncludeObject(query.includeObject);
  return { encode: tableWatchEncoder(q.info.kind, out.version, includeObject), contentType: tableContentType(out.version) };
}
