import { K8S_SCHEMAS, type Schema } from './schemas';

const PREFIX = '#/components/schemas/';
const INT32 = 2 ** 31;
const INT64 = 2 ** 63;

/** A named schema behind `$ref` or `allOf: [{$ref}]`, with its upstream name. */
function resolve(s: Schema | undefined): { schema: Schema; name?: string } | undefined {
  if (!s) return undefined;
  const ref = (s.$ref as string | undefined) ?? ((s.allOf as Schema[] | undefined)?.[0]?.$ref as string | undefined);
  if (!ref) return { schema: s };
  const name = ref.slice(PREFIX.length);
  const schema = K8S_SCHEMAS[name];
  return schema ? { schema, name } : undefined;
}

/** The Go type a schema decodes into, as encoding/json names it (`[]v1.Taint`, `int32`, `map[string]string`). */
function goType(s: Schema | undefined): string {
  const r = resolve(s);
  if (!r) return 'interface {}';
  if (r.name) return r.name.split('.').slice(-2).join('.');
  const { schema } = r;
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'integer':
      return schema.format === 'int32' ? 'int32' : 'int64';
    case 'number':
      return 'float64';
    case 'array':
      return `[]${goType(schema.items as Schema)}`;
    case 'object':
      return schema.additionalProperties && typeof schema.additionalProperties === 'object' ? `map[string]${goType(schema.additionalProperties as Schema)}` : 'struct';
    default:
      return 'interface {}';
  }
}

/** The JSON kind of a value as encoding/json's UnmarshalTypeError says it. */
const jsonKind = (v: unknown): string => (Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v);

/** Whether `v` fits a schema's own type, not looking inside it; the number's literal when it does not fit its integer type. */
function fits(v: unknown, schema: Schema): true | 'kind' | 'range' {
  const oneOf = schema.oneOf as Schema[] | undefined;
  if (oneOf) return oneOf.some((alt) => fits(v, alt) === true) ? true : 'kind';
  switch (schema.type) {
    case 'string':
      return typeof v === 'string' ? true : 'kind';
    case 'boolean':
      return typeof v === 'boolean' ? true : 'kind';
    case 'number':
      return typeof v === 'number' ? true : 'kind';
    case 'integer': {
      if (typeof v !== 'number') return 'kind';
      const bound = schema.format === 'int32' ? INT32 : INT64;
      return Number.isInteger(v) && v >= -bound && v < bound ? true : 'range';
    }
    case 'array':
      return Array.isArray(v) ? true : 'kind';
    case 'object':
      return typeof v === 'object' && !Array.isArray(v) ? true : 'kind';
    default:
      return true; // no type: RawExtension, apiextensions JSON …
  }
}

/** Go's zero value for a null list item or map value of this type (a struct: `{}`, a string: `""`); none for the others. */
function zeroOf(s: Schema | undefined): (() => unknown) | undefined {
  const r = resolve(s);
  if (!r) return undefined;
  if (r.schema.type === 'object' && r.schema.properties) return () => ({});
  if (r.schema.type === 'string') return () => '';
  return undefined;
}

/**
 * The first value of `object` its OpenAPI schema cannot decode, in encoding/json's words as
 * kube-apiserver's decoder says it: `json: cannot unmarshal string into Go struct field
 * NodeSpec.spec.taints of type []v1.Taint`, `json: cannot unmarshal number 2147483648 into Go
 * struct field DeploymentSpec.spec.replicas of type int32`. `undefined`: every field decodes.
 * `null` decodes into anything (Go leaves the zero value): a null item of a list of structs or a
 * null value of a map of strings is set to that zero value in place (`{}`, `""`), so what passes
 * is what Go would have stored; a field the schema does not have is dropped, as Go's decoder
 * drops it (field validation has already warned about it, or refused it when Strict).
 */
export function decodeInPlace(object: unknown, schemaName: string): string | undefined {
  const root = K8S_SCHEMAS[schemaName];
  if (!root) return undefined;
  // Iterative, in document order (the first error is the one Go reports).
  type Item = { v: unknown; s: Schema | undefined; path: string; struct: string };
  const stack: Item[] = [{ v: object, s: { $ref: PREFIX + schemaName }, path: '', struct: schemaName.split('.').pop()! }];
  while (stack.length) {
    const { v, s, path, struct } = stack.pop()!;
    const r = resolve(s);
    if (!r || v === null || v === undefined) continue;
    const { schema, name } = r;
    const fit = fits(v, schema);
    if (fit !== true) {
      const what = fit === 'range' ? `number ${String(v)}` : jsonKind(v);
      return path ? `json: cannot unmarshal ${what} into Go struct field ${struct}.${path} of type ${goType(s)}` : `json: cannot unmarshal ${what} into Go value of type ${goType(s)}`;
    }
    const children: Item[] = [];
    if (Array.isArray(v)) {
      if (schema.type === 'array') {
        const zero = zeroOf(schema.items as Schema);
        v.forEach((item, i) => {
          if (item === null && zero !== undefined) v[i] = zero();
          children.push({ v: v[i], s: schema.items as Schema, path, struct });
        });
      }
    } else if (typeof v === 'object') {
      const props = schema.properties as Record<string, Schema> | undefined;
      const extra = schema.additionalProperties;
      const own = name ? name.split('.').pop()! : struct;
      const zero = extra && typeof extra === 'object' ? zeroOf(extra as Schema) : undefined;
      const o = v as Record<string, unknown>;
      const prune = props && !extra && schema['x-kubernetes-preserve-unknown-fields'] !== true;
      for (const [k, child] of Object.entries(o)) {
        if (props && Object.prototype.hasOwnProperty.call(props, k)) children.push({ v: child, s: props[k], path: path ? `${path}.${k}` : k, struct: own });
        else if (extra && typeof extra === 'object') {
          if (child === null && zero !== undefined) o[k] = zero();
          children.push({ v: o[k], s: extra as Schema, path, struct });
        } else if (prune) delete o[k]; // Go's decoder drops a field its struct does not have (field validation has warned or refused)
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return undefined;
}
