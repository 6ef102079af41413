import { isObject, valuesSchema, type Json, type StructuralSchema } from './schema';

/**
 * Structural defaulting (apiextensions-apiserver `structuraldefaulting.Default`): a missing property
 * whose schema has a `default` gets it (a copy), then defaults apply inside objects, map values and
 * array items. A `null` stays null unless the schema is not nullable and has a default.
 */
export function applyDefaults(value: Json, s: StructuralSchema | undefined): Json {
  if (!s) return value;
  if (Array.isArray(value)) return s.items ? value.map((v) => applyDefaults(v, s.items)) : value;
  if (!isObject(value)) return value;
  const out: Record<string, Json> = { ...value };
  for (const [k, ps] of Object.entries(s.properties ?? {})) {
    if (ps.default !== undefined && (!(k in out) || (out[k] === null && !ps.nullable))) out[k] = structuredClone(ps.default) as Json;
    if (k in out) out[k] = applyDefaults(out[k], ps);
  }
  const vs = valuesSchema(s);
  if (vs) for (const k of Object.keys(out)) if (!(s.properties ?? {})[k]) out[k] = applyDefaults(out[k], vs);
  return out;
}
