import { describe, expect, it } from 'vitest';
import { applyConfig, ApplyConflictError, recordUpdate } from './updater';
import { schemaShape, type Shape } from './shape';
import type { ManagedFieldsEntry } from './entries';

/**
 * Apply/update sequences and what they leave: the object and each manager's fields. The cases are
 * structured-merge-diff's (merge/leaf_test.go, merge/set_test.go), on the same schemas.
 */
type Op = { apply?: string; forceApply?: string; update?: string; object: Record<string, unknown>; conflicts?: string[] };
type Case = { ops: Op[]; object: Record<string, unknown>; managed: Record<string, string[]> };

const leafShape = schemaShape('T', { type: 'object', properties: { numeric: { type: 'number' }, string: { type: 'string' }, bool: { type: 'boolean' } } });
const setShape = schemaShape('T', { type: 'object', properties: { list: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } } });
const SCOPE = { statusSubresource: false };

function run(shape: Shape, ops: Op[]) {
  let object: Record<string, unknown> | undefined;
  let managed: ManagedFieldsEntry[] | undefined;
  ops.forEach((op, i) => {
    const manager = op.apply ?? op.forceApply ?? op.update!;
    const w = { manager, operation: op.update ? ('Update' as const) : ('Apply' as const), apiVersion: 'v1', time: `2026-01-01T00:00:0${i}Z` };
    if (op.update) {
      managed = recordUpdate(managed, object, op.object, shape, w, SCOPE, {});
      object = op.object;
      return;
    }
    const live = object ? { ...object, metadata: { managedFields: managed } } : undefined;
    try {
      const r = applyConfig(live, op.object, shape, w, SCOPE, !!op.forceApply, {});
      expect(op.conflicts, `op ${i} should conflict`).toBeUndefined();
      const { metadata: _m, ...rest } = r.object;
      object = rest;
      managed = r.managedFields;
    } catch (e) {
      if (!(e instanceof ApplyConflictError) || !op.conflicts) throw e;
      expect(e.conflicts.map((c) => `${c.manager} ${c.path}`)).toEqual(op.conflicts);
    }
  });
  const owners = Object.fromEntries((managed ?? []).map((m) => [m.manager, paths(m.fieldsV1)]));
  return { object, managed: owners };
}

/** FieldsV1 as path strings: `f:list.v:"a"`. */
function paths(fields: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(fields).flatMap(([k, v]) => {
    if (k === '.') return [prefix.slice(0, -1)];
    const p = `${prefix}${k}`;
    const inner = v as Record<string, unknown>;
    return Object.keys(inner).length ? paths(inner, `${p}.`) : [p];
  });
}

const leafCases: Record<string, Case> = {
  apply_twice: {
    ops: [{ apply: 'default', object: { numeric: 1, string: 'string' } }, { apply: 'default', object: { numeric: 2, string: 'string', bool: false } }],
    object: { numeric: 2, string: 'string', bool: false },
    managed: { default: ['f:bool', 'f:numeric', 'f:string'] },
  },
  apply_update_apply_no_conflict: {
    ops: [
      { apply: 'default', object: { numeric: 1, string: 'string' } },
      { update: 'controller', object: { numeric: 1, string: 'string', bool: true } },
      { apply: 'default', object: { numeric: 2, string: 'string' } },
    ],
    object: { numeric: 2, string: 'string', bool: true },
    managed: { default: ['f:numeric', 'f:string'], controller: ['f:bool'] },
  },
  apply_update_apply_with_conflict: {
    ops: [
      { apply: 'default', object: { numeric: 1, string: 'string' } },
      { update: 'controller', object: { numeric: 1, string: 'controller string', bool: true } },
      { apply: 'default', object: { numeric: 2, string: 'user string' }, conflicts: ['"controller" using v1 .string'] },
      { forceApply: 'default', object: { numeric: 2, string: 'user string' } },
    ],
    object: { numeric: 2, string: 'user string', bool: true },
    managed: { default: ['f:numeric', 'f:string'], controller: ['f:bool'] },
  },
  apply_twice_remove: {
    ops: [{ apply: 'default', object: { numeric: 1, string: 'string', bool: false } }, { apply: 'default', object: { string: 'new string' } }],
    object: { string: 'new string' },
    managed: { default: ['f:string'] },
  },
  update_apply_omits: {
    ops: [{ apply: 'default', object: { numeric: 2 } }, { update: 'controller', object: { numeric: 1 } }, { apply: 'default', object: {} }],
    object: { numeric: 1 },
    managed: { controller: ['f:numeric'] },
  },
  update_remove_empty_set: {
    ops: [{ apply: 'default', object: { string: 'string' } }, { update: 'controller', object: { string: 'new string' } }],
    object: { string: 'new string' },
    managed: { controller: ['f:string'] },
  },
  apply_remove_empty_set: {
    ops: [{ apply: 'default', object: { string: 'string' } }, { apply: 'default', object: {} }],
    object: {},
    managed: {},
  },
};

const setCases: Record<string, Case> = {
  apply_twice: {
    ops: [{ apply: 'default', object: { list: ['a', 'c'] } }, { apply: 'default', object: { list: ['a', 'b', 'c', 'd'] } }],
    object: { list: ['a', 'b', 'c', 'd'] },
    managed: { default: ['f:list.v:"a"', 'f:list.v:"b"', 'f:list.v:"c"', 'f:list.v:"d"'] },
  },
  apply_update_apply_no_overlap: {
    ops: [
      { apply: 'default', object: { list: ['a', 'c'] } },
      { update: 'controller', object: { list: ['a', 'b', 'c', 'd'] } },
      { apply: 'default', object: { list: ['a', 'aprime', 'c', 'cprime'] } },
    ],
    // structured-merge-diff's fixture compares the set, not the order; v4's merge keeps live order.
    object: { list: ['a', 'b', 'aprime', 'c', 'd', 'cprime'] },
    managed: { default: ['f:list.v:"a"', 'f:list.v:"aprime"', 'f:list.v:"c"', 'f:list.v:"cprime"'], controller: ['f:list.v:"b"', 'f:list.v:"d"'] },
  },
  apply_update_apply_with_overlap: {
    ops: [
      { apply: 'default', object: { list: ['a', 'c'] } },
      { update: 'controller', object: { list: ['a', 'b', 'c', 'd'] } },
      { apply: 'default', object: { list: ['a', 'b', 'c'] } },
    ],
    object: { list: ['a', 'b', 'c', 'd'] },
    managed: { default: ['f:list.v:"a"', 'f:list.v:"b"', 'f:list.v:"c"'], controller: ['f:list.v:"b"', 'f:list.v:"d"'] },
  },
  apply_twice_reorder: {
    ops: [{ apply: 'default', object: { list: ['a', 'b', 'c', 'd'] } }, { apply: 'default', object: { list: ['a', 'd', 'c', 'b'] } }],
    object: { list: ['a', 'd', 'c', 'b'] },
    managed: { default: ['f:list.v:"a"', 'f:list.v:"b"', 'f:list.v:"c"', 'f:list.v:"d"'] },
  },
  apply_update_apply_reorder: {
    ops: [
      { apply: 'default', object: { list: ['a', 'b', 'c', 'd'] } },
      { update: 'controller', object: { list: ['a', 'd', 'c', 'b'] } },
      { apply: 'default', object: { list: ['a', 'b', 'c', 'd'] } },
    ],
    object: { list: ['a', 'b', 'c', 'd'] },
    managed: { default: ['f:list.v:"a"', 'f:list.v:"b"', 'f:list.v:"c"', 'f:list.v:"d"'] },
  },
  // TestUpdateSetBroken's apply_twice_remove fails upstream too (a set item the applier drops stays); here it goes.
};

describe('leaf fields (structured-merge-diff TestUpdateLeaf)', () => {
  for (const [name, c] of Object.entries(leafCases)) {
    it(name, () => {
      const r = run(leafShape, c.ops);
      expect(r.object).toEqual(c.object);
      expect(r.managed).toEqual(Object.fromEntries(Object.entries(c.managed).map(([k, v]) => [k, [...v].sort()])));
    });
  }
});

describe('set lists (structured-merge-diff TestUpdateSet)', () => {
  for (const [name, c] of Object.entries(setCases)) {
    it(name, () => {
      const r = run(setShape, c.ops);
      expect(r.object).toEqual(c.object);
      expect(r.managed).toEqual(Object.fromEntries(Object.entries(c.managed).map(([k, v]) => [k, [...v].sort()])));
    });
  }
});
