import type { KubeObject } from '@kubesim/api';
import { fieldOf, isSelectableField, matches, parseFieldSelector, parseLabelSelector, SelectorError, type Requirement } from '@kubesim/core';
import type { ResourceInfo } from './resources';

/** What a list or watch selects: kind, namespace, label and field selectors. */
export interface Query {
  info: ResourceInfo;
  namespace?: string;
  labels: Requirement[];
  fields: Requirement[];
}

export function makeQuery(info: ResourceInfo, namespace: string | undefined, q: Record<string, unknown>): Query {
  const labels = typeof q.labelSelector === 'string' ? parseLabelSelector(q.labelSelector) : [];
  const fields = typeof q.fieldSelector === 'string' ? parseFieldSelector(q.fieldSelector) : [];
  for (const f of fields) {
    if (!isSelectableField(info.kind, f.key)) {
      throw new SelectorError(`field label not supported: ${f.key}`);
    }
  }
  return { info, namespace, labels, fields };
}

export function selects(q: Query, o: KubeObject): boolean {
  if (o.kind !== q.info.kind) return false;
  if (q.namespace !== undefined && o.metadata.namespace !== q.namespace) return false;
  if (!matches(q.labels, (k) => o.metadata.labels?.[k])) return false;
  return matches(q.fields, (k) => fieldOf(o, k));
}

const byNamespaceAndName = (a: KubeObject, b: KubeObject) =>
  (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name);

export function list(q: Query, objects: Iterable<KubeObject>): KubeObject[] {
  const out: KubeObject[] = [];
  for (const o of objects) if (selects(q, o)) out.push(o);
  return out.sort(byNamespaceAndName);
}

/** Items in a list carry no kind/apiVersion on the wire, as from kube-apiserver. */
export function listBody(q: Query, items: KubeObject[], resourceVersion: number) {
  return {
    kind: `${q.info.kind}List`,
    apiVersion: q.info.groupVersion,
    metadata: { resourceVersion: String(resourceVersion) },
    items: items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest),
  };
}
