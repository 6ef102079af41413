import { child, index, isObject, ROOT_FIELDS, valuesSchema, type Json, type StructuralSchema } from './schema';

export interface Pruned {
  value: Json;
  /** The removed fields' paths (`spec.foo`), sorted, as upstream reports them: the `unknown field` warnings. */
  removed: string[];
}

/**
 * Structural pruning (apiextensions-apiserver `pruning.Prune`): a field the schema does not specify
 * is dropped, unless it or an ancestor has `x-kubernetes-preserve-unknown-fields: true` or the object
 * is a map (`additionalProperties`). At the root, apiVersion, kind and metadata always stay.
 */
export function prune(value: Json, s: StructuralSchema | undefined, isRoot = true): Pruned {
  const removed: string[] = [];
  const walk = (v: Json, sc: StructuralSchema | undefined, path: string, root: boolean): Json => {
    if (!sc) return v;
    if (Array.isArray(v)) return sc.items ? v.map((x, i) => walk(x, sc.items, index(path, i), false)) : v;
    if (!isObject(v)) return v;
    const preserve = sc['x-kubernetes-preserve-unknown-fields'] === true;
    const vs = valuesSchema(sc);
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) {
      const ps = sc.properties?.[k];
      if (root && ROOT_FIELDS.has(k)) out[k] = x;
      else if (ps) out[k] = walk(x, ps, child(path, k), false);
      else if (vs) out[k] = walk(x, vs, child(path, k), false);
      else if (preserve || sc.additionalProperties === true) out[k] = x;
      else removed.push(child(path, k));
    }
    return out;
  };
  const pruned = walk(value, s, '', isRoot);
  return { value: pruned, removed: removed.sort() };
}
