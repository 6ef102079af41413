import type { StatusCause } from '../types';
import { child, index, isObject, ROOT_FIELDS, valuesSchema, type Json, type StructuralSchema } from './schema';
import { invalid } from '../field-causes';


/** The JSON type kube-openapi names in `must be of type` messages. */
function typeOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function hasType(v: Json, s: StructuralSchema): boolean {
  if (s['x-kubernetes-int-or-string']) return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
  switch (s.type) {
    case undefined:
      return true;
    case 'object':
      return isObject(v);
    case 'array':
      return Array.isArray(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'string':
    case 'boolean':
      return typeof v === s.type;
    default: {
      const _exhaustive: never = s.type;
      return _exhaustive;
    }
  }
}

function scalarCauses(v: Json, s: StructuralSchema, path: string): StatusCause[] {
  const out: StatusCause[] = [];
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    out.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(v)}: supported values: ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`, field: path });
  }
  if (typeof v === 'string') {
    if (s.pattern !== undefined && !goPattern(s.pattern).test(v)) out.push(invalid(path, v, `${path} in body should match '${s.pattern}'`));
    if (s.minLength !== undefined && [...v].length < s.minLength) out.push(invalid(path, v, `${path} in body should be at least ${s.minLength} chars long`));
    if (s.maxLength !== undefined && [...v].length > s.maxLength) out.push({ reason: 'FieldValueTooLong', message: `Too long: may not be more than ${s.maxLength} bytes`, field: path });
  }
  if (typeof v === 'number') {
    if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)) out.push(invalid(path, v, `${path} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${s.minimum}`));
    if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)) out.push(invalid(path, v, `${path} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${s.maximum}`));
  }
  return out;
}

/**
 * A custom object against its version's structural schema, as apiextensions-apiserver's
 * `ValidateCustomResource` reports it: one cause per field, named like upstream
 * (`spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"`).
 * Run after defaulting and pruning. `metadata` is ObjectMeta's, not the schema's.
 */
export function validateAgainstSchema(value: Json, s: StructuralSchema | undefined, path = ''): StatusCause[] {
  if (!s) return [];
  if (value === null) return s.nullable ? [] : s.type ? [invalid(path, 'null', `${path} in body must be of type ${s.type}: "null"`)] : [];
  if (!hasType(value, s)) {
    const want = s['x-kubernetes-int-or-string'] ? 'integer,string' : s.type;
    return [invalid(path, typeOf(value), `${path} in body must be of type ${want}: "${typeOf(value)}"`)];
  }
  const out = scalarCauses(value, s, path);
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) out.push(invalid(path, value, `${path} in body should have at least ${s.minItems} items`));
    if (s.maxItems !== undefined && value.length > s.maxItems) out.push({ reason: 'FieldValueTooMany', message: `Too many: ${value.length}: must have at most ${s.maxItems} items`, field: path });
    if (s.items) value.forEach((x, i) => out.push(...validateAgainstSchema(x, s.items, index(path, i))));
  } else if (isObject(value)) {
    for (const r of s.required ?? []) if (!(r in value)) out.push({ reason: 'FieldValueRequired', message: 'Required value', field: child(path, r) });
    const n = Object.keys(value).length;
    if (s.minProperties !== undefined && n < s.minProperties) out.push(invalid(path, n, `${path} in body should have at least ${s.minProperties} properties`));
    if (s.maxProperties !== undefined && n > s.maxProperties) out.push({ reason: 'FieldValueTooMany', message: `Too many: ${n}: must have at most ${s.maxProperties} items`, field: path });
    const vs = valuesSchema(s);
    for (const [k, x] of Object.entries(value)) {
      if (path === '' && ROOT_FIELDS.has(k)) continue;
      const ps = s.properties?.[k] ?? vs;
      if (ps) out.push(...validateAgainstSchema(x, ps, child(path, k)));
    }
  }
  return out;
}

const PATTERNS = new Map<string, RegExp>();

/**
 * A schema `pattern` (Go's RE2 syntax) as a JavaScript RegExp: RE2's `(?i)` flag group, which
 * JavaScript does not have (prometheus-operator's CRDs use it), becomes the `i` flag.
 */
export function goPattern(pattern: string): RegExp {
  let re = PATTERNS.get(pattern);
  if (!re) {
    const insensitive = pattern.includes('(?i)');
    re = new RegExp(pattern.replaceAll('(?i)', ''), insensitive ? 'iu' : 'u');
    PATTERNS.set(pattern, re);
  }
  return re;
}
