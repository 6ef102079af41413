/** A parsed `/api/v1/...` path. */
export type ApiPath =
  | { kind: 'discovery' }
  | { kind: 'collection'; resource: string; namespace?: string }
  | { kind: 'item'; resource: string; namespace?: string; name: string }
  | { kind: 'subresource'; resource: string; namespace?: string; name: string; subresource: string }
  | { kind: 'unknown' };

/** A path that names a resource (its collection, an item or a subresource). */
export type ResourcePath = Exclude<ApiPath, { kind: 'discovery' } | { kind: 'unknown' }>;

export function parseApiPath(rest: string): ApiPath {
  const s = rest.split('/').filter(Boolean).map(decodeURIComponent);
  if (s.length === 0) return { kind: 'discovery' };
  if (s[0] === 'namespaces' && s.length >= 3) {
    const [, namespace, resource, name, subresource] = s;
    if (s.length === 3) return { kind: 'collection', resource, namespace };
    if (s.length === 4) return { kind: 'item', resource, namespace, name };
    if (s.length === 5) return { kind: 'subresource', resource, namespace, name, subresource };
    return { kind: 'unknown' };
  }
  const [resource, name, subresource] = s;
  if (s.length === 1) return { kind: 'collection', resource };
  if (s.length === 2) return { kind: 'item', resource, name };
  if (s.length === 3) return { kind: 'subresource', resource, name, subresource };
  return { kind: 'unknown' };
}
