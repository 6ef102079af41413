import { keyElement, valueElement } from './field-set';
import type { ListType } from './shape';

export type Value = unknown;
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** The path element naming `item` of a set or map list (`v:"x"`, `k:{"name":"app"}`). */
export function itemElement(list: ListType, item: unknown): string | undefined {
  switch (list.type) {
    case 'set':
      return valueElement(item);
    case 'map': {
      if (!isObj(item)) return undefined;
      const key: Obj = {};
      for (const k of list.keys) {
        const v = item[k] ?? list.defaults?.[k];
        if (v !== undefined) key[k] = v;
      }
      return keyElement(key);
    }
    case 'atomic':
      return undefined;
    default: {
      const _exhaustive: never = list;
      return _exhaustive;
    }
  }
}

/** A list's items by path element, in order (a duplicate keeps its first). */
export function indexItems(list: ListType, items: readonly unknown[]): [string, unknown][] {
  const seen = new Set<string>();
  const out: [string, unknown][] = [];
  items.forEach((item, i) => {
    const pe = itemElement(list, item) ?? `i:${i}`;
    if (seen.has(pe)) return;
    seen.add(pe);
    out.push([pe, item]);
  });
  return out;
}

const isEmptyContainer = (v: unknown) => v === undefined || v === null || (Array.isArray(v) ? v.length === 0 : isObj(v) && Object.keys(v).length === 0);
/** Neither side has anything inside: compared as a leaf (keeps `{}` and `null` apart), as structured-merge-diff does. */
export const bothEmpty = (a: unknown, b: unknown) => isEmptyContainer(a) && isEmptyContainer(b);
