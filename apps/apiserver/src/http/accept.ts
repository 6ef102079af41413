import { parse as parseContentType } from 'content-type';
import { failure, StatusError } from './status';

/** What a GET answers with: the object (or list) itself, or a meta.k8s.io Table of it. */
export type OutputFormat = { as: 'Object' } | { as: 'Table'; version: TableVersion };
export type TableVersion = 'v1' | 'v1beta1';

interface MediaRange {
  type: string;
  params: Record<string, string>;
  q: number;
}

const JSON_RANGES = new Set(['application/json', 'application/*', '*/*']);
const TABLE_VERSIONS = new Set<string>(['v1', 'v1beta1']);

/**
 * One `type/subtype;k=v;...` alternative of an Accept header, parsed by `content-type` (RFC 7231
 * tokens and quoted strings; parameter names lower-cased). A malformed alternative is skipped.
 */
function parseRange(text: string): MediaRange | undefined {
  try {
    const { type, parameters } = parseContentType(text.trim());
    const q = parameters.q === undefined ? 1 : Number(parameters.q);
    return { type, params: parameters, q: Number.isFinite(q) ? q : 0 };
  } catch {
    return undefined;
  }
}

/** The format one alternative asks for, or undefined when kubesim cannot serve it. */
function formatOf(range: MediaRange): OutputFormat | undefined {
  const { as, g, v } = range.params;
  if (as === undefined) return { as: 'Object' }; // plain JSON (and, leniently, anything else)
  if (as === 'Table' && g === 'meta.k8s.io' && TABLE_VERSIONS.has(v ?? '') && JSON_RANGES.has(range.type)) {
    return { as: 'Table', version: v as TableVersion };
  }
  return undefined;
}

/**
 * Content negotiation for GET, as kube-apiserver does it for the conversions kubesim supports: the
 * first acceptable alternative (by q, then order) wins. kubectl get sends
 * `application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json`.
 * No header is plain JSON; a header whose every alternative is an unsupported conversion is a 406.
 */
export function negotiateOutput(accept: string | undefined): OutputFormat {
  if (accept === undefined || accept.trim() === '') return { as: 'Object' };
  const ranges = accept
    .split(',')
    .filter((s) => s.trim() !== '')
    .map(parseRange)
    .filter((r): r is MediaRange => r !== undefined && r.q > 0)
    .sort((a, b) => b.q - a.q); // stable: equal q keeps the client's order
  for (const r of ranges) {
    const format = formatOf(r);
    if (format) return format;
  }
  throw new StatusError(failure(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io'));
}

/** The Content-Type of a Table answer, echoing the negotiated conversion as kube-apiserver does. */
export function tableContentType(version: TableVersion): string {
  return `application/json;as=Table;v=${version};g=meta.k8s.io`;
}
