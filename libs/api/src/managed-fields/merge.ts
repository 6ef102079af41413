import { fieldElement, type FieldSet } from './field-set';
import type { Shape } from './shape';
import { bothEmpty, indexItems, isObj } from './values';

/**
 * An applied configuration merged into the live object (typed.Merge): objects merge field by
 * field, set and map lists item by item (live order, applied items in their order), everything
 * else — leaves, atomic lists and objects — is the applied value.
 */
export function merge(live: unknown, config: unknown, shape: Shape): unknown {
  if (config === undefined) return live;
  if (live === undefined) return config;
  if (isObj(live) && isObj(config) && !shape.atomicObject && !bothEmpty(live, config)) {
    const out: Record<string, unknown> = { ...live };
    for (const [k, v] of Object.entries(config)) {
      if (k === '__proto__') continue;
      out[k] = merge(live[k], v, shape.field(k));
    }
    return out;
  }
  if (Array.isArray(live) && Array.isArray(config) && shape.list.type !== 'atomic') return mergeList(live, config, shape);
  return config;
}

/**
 * structured-merge-diff's list order (v4): live items keep their places, items both have follow
 * the applied order, applied items new to the list come after the last item they followed.
 */
function mergeList(live: unknown[], config: unknown[], shape: Shape): unknown[] {
  const lhs = indexItems(shape.list, live);
  const rhs = indexItems(shape.list, config);
  const lMap = new Map(lhs);
  const rMap = new Map(rhs);
  const item = shape.item();
  const shared = rhs.map(([pe]) => pe).filter((pe) => lMap.has(pe));
  let next = shared.shift();
  const merged = new Set<string>();
  const out: unknown[] = [];
  for (let l = 0, r = 0; l < lhs.length || r < rhs.length; ) {
    if (l < lhs.length && r < rhs.length) {
      const pe = lhs[l][0];
      if (pe === rhs[r][0]) {
        merged.add(pe);
        out.push(merge(lMap.get(pe), rMap.get(pe), item));
        l++;
        r++;
        next = shared.shift();
        continue;
      }
      if (rMap.has(pe) && next !== undefined && next !== pe) {
        l++;
        continue;
      }
    }
    if (l < lhs.length) {
      const pe = lhs[l][0];
      if (!rMap.has(pe)) {
        out.push(lMap.get(pe));
        l++;
        continue;
      }
      if (merged.has(pe)) {
        l++;
        continue;
      }
    }
    if (r < rhs.length) {
      const pe = rhs[r][0];
      merged.add(pe);
      out.push(merge(lMap.get(pe), rMap.get(pe), item));
      r++;
      if (next === pe) next = shared.shift();
    }
  }
  return out;
}

/** `value` without the members of `set` (typed.RemoveItems): fields, list items, set values. */
export function removeItems(value: unknown, set: FieldSet, shape: Shape): unknown {
  if (set.empty()) return value;
  if (isObj(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const child = set.children.get(fieldElement(k));
      if (child?.member) continue;
      out[k] = child ? removeItems(v, child, shape.field(k)) : v;
    }
    return out;
  }
  if (Array.isArray(value) && shape.list.type !== 'atomic') {
    const item = shape.item();
    return indexItems(shape.list, value).flatMap(([pe, v]) => {
      const child = set.children.get(pe);
      if (child?.member) return [];
      return [child ? removeItems(v, child, item) : v];
    });
  }
  return value;
}

/** Fields set to `null` in an applied configuration mean "unset": dropped from the result. */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isObj(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNulls(v);
  return out;
}


