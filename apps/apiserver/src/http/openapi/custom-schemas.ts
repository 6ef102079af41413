import { schemaNameOf } from '@kubesim/api';
import type { ResourceInfo } from '../resources';
import { K8S_SCHEMAS, type Schema } from './schemas';

const META = '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1';
const typeMeta = (name: string) => (K8S_SCHEMAS['io.k8s.api.core.v1.ConfigMap'].properties as Record<string, Schema>)[name];
const gvk = (r: ResourceInfo, kind: string) => [{ group: r.group, version: r.version, kind }];

/** A custom resource's schema as apiextensions-apiserver publishes it: its openAPIV3Schema with ObjectMeta and TypeMeta filled in. */
function customSchema(r: ResourceInfo): Schema {
  const s = (r.custom?.schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }) as Schema;
  const properties = { ...(s.properties as Record<string, Schema> | undefined) };
  return {
    ...s,
    properties: {
      ...properties,
      apiVersion: typeMeta('apiVersion'),
      kind: typeMeta('kind'),
      metadata: { description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata", allOf: [{ $ref: `${META}.ObjectMeta` }] },
    },
    'x-kubernetes-group-version-kind': gvk(r, r.kind),
  };
}

function listSchema(r: ResourceInfo, description: string): Schema {
  return {
    description,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: typeMeta('apiVersion'),
      items: { description: `List of ${r.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`, type: 'array', items: { $ref: `#/components/schemas/${schemaNameOf(r)}` } },
      kind: typeMeta('kind'),
      metadata: { description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds', allOf: [{ $ref: `${META}.ListMeta` }] },
    },
    'x-kubernetes-group-version-kind': gvk(r, `${r.kind}List`),
  };
}

/** The component schemas of the custom resources (the built-in ones are generated from upstream's). */
export function extraSchemas(resources: readonly ResourceInfo[]): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const r of resources) {
    const name = schemaNameOf(r);
    if (!r.custom || K8S_SCHEMAS[name]) continue;
    out[name] = customSchema(r);
    out[`${name}List`] = listSchema(r, `${r.kind}List is a list of ${r.kind}`);
  }
  return out;
}
