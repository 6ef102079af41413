import { K8S_SCHEMAS, type Schema } from './schemas';

const PREFIX = '#/components/schemas/';

function resolve(s: Schema | undefined): Schema | undefined {
  if (!s) return undefined;
  const ref = (s.$ref as string | undefined) ?? ((s.allOf as Schema[] | undefined)?.[0]?.$ref as string | undefined);
  return ref ? K8S_SCHEMAS[ref.slice(PREFIX.length)] : s;
}

/**
 * The fields of `value` its OpenAPI schema does not know, as kube-apiserver's strict decoding names
 * them (`spec.containers[0].imagePullPolicyy`). Types are left to validation.
 */
export function unknownFieldsOf(value: unknown, schemaName: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown, s: Schema | undefined, path: string) => {
    const schema = resolve(s);
    if (!schema || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      if (schema.type === 'array') v.forEach((item, i) => walk(item, schema.items as Schema, `${path}[${i}]`));
      return;
    }
    const props = schema.properties as Record<string, Schema> | undefined;
    const extra = schema.additionalProperties as Schema | boolean | undefined;
    for (const [k, child] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (props && k in props) walk(child, props[k], p);
      else if (extra && typeof extra === 'object') walk(child, extra, p);
      else if (props && !extra && schema['x-kubernetes-preserve-unknown-fields'] !== true) out.push(p);
    }
  };
  walk(value, K8S_SCHEMAS[schemaName], '');
  return out;
}
