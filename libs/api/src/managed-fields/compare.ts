import { fieldElement, FieldSet } from './field-set';
import type { Shape } from './shape';
import { bothEmpty, deepEqual, indexItems, isObj } from './values';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * What changed from `lhs` to `rhs` (typed.Compare): leaves added, modified or removed, and every
 * object or list item that appeared or went. A subtree that is the same JavaScript value on both
 * sides is not walked, so an update that shares what it did not change is cheap to compare.
 */
export function compare(lhs: unknown, rhs: unknown, shape: Shape): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk([], lhs, rhs, shape, c);
  return c;
}

function leaf(path: string[], l: unknown, r: unknown, c: Comparison) {
  if (l === undefined) c.added.insert(path);
  else if (r === undefined) c.removed.insert(path);
  else if (!deepEqual(l, r)) c.modified.insert(path);
}

/** A `null` facing a list or object is that, empty, but present (structured-merge-diff's null wildcard). */
const emptyLike = (v: unknown) => (Array.isArray(v) ? [] : isObj(v) ? {} : null);

function walk(path: string[], l0: unknown, r0: unknown, shape: Shape, c: Comparison) {
  if (l0 === r0) return;
  const l = l0 === null ? emptyLike(r0) : l0;
  const r = r0 === null ? emptyLike(l0) : r0;
  const lo = isObj(l) || l === undefined;
  const ro = isObj(r) || r === undefined;
  const la = Array.isArray(l) || l === undefined;
  const ra = Array.isArray(r) || r === undefined;
  if (lo && ro && (isObj(l) || isObj(r)) && !shape.atomicObject && !bothEmpty(l, r)) {
    const lm = (l ?? {}) as Record<string, unknown>;
    const rm = (r ?? {}) as Record<string, unknown>;
    for (const k of new Set([...Object.keys(lm), ...Object.keys(rm)])) {
      if (lm[k] === undefined && rm[k] === undefined) continue;
      walk([...path, fieldElement(k)], lm[k], rm[k], shape.field(k), c);
    }
  } else if (la && ra && (Array.isArray(l) || Array.isArray(r)) && shape.list.type !== 'atomic' && !bothEmpty(l, r)) {
    const li = new Map(indexItems(shape.list, (l ?? []) as unknown[]));
    const ri = new Map(indexItems(shape.list, (r ?? []) as unknown[]));
    const item = shape.item();
    for (const pe of new Set([...li.keys(), ...ri.keys()])) walk([...path, pe], li.get(pe), ri.get(pe), item, c);
  } else {
    return leaf(path, l0, r0, c);
  }
  // An object or list item that appeared or went is itself added or removed (the post-item hook).
  if (path.length) {
    if (l === undefined) c.added.insert(path);
    else if (r === undefined) c.removed.insert(path);
  }
}
