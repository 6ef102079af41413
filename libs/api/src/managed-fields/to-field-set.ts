import { fieldElement, FieldSet } from './field-set';
import type { Shape } from './shape';
import { indexItems, isObj } from './values';

/**
 * The fields `value` sets (typed.ToFieldSet): every leaf, every list item, every empty or null
 * object; atomic lists and objects as one field.
 */
export function toFieldSet(value: unknown, shape: Shape): FieldSet {
  const set = new FieldSet();
  walk([], value, shape, set);
  return set;
}

function walk(path: string[], v: unknown, shape: Shape, set: FieldSet) {
  if (isObj(v)) {
    if (shape.atomicObject) return set.insert(path);
    for (const [k, child] of Object.entries(v)) {
      if (child === undefined) continue;
      const p = [...path, fieldElement(k)];
      walk(p, child, shape.field(k), set);
      if (child === null || (isObj(child) && Object.keys(child).length === 0)) set.insert(p);
    }
  } else if (Array.isArray(v)) {
    if (shape.list.type === 'atomic') return set.insert(path);
    const item = shape.item();
    for (const [pe, child] of indexItems(shape.list, v)) {
      walk([...path, pe], child, item, set);
      set.insert([...path, pe]);
    }
  } else if (path.length) {
    set.insert(path);
  }
}
