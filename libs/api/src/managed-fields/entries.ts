import { FieldSet } from './field-set';

/** metav1.ManagedFieldsEntry, as objects carry it in `metadata.managedFields`. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** Who writes, and how: one entry of managedFields is kept per manager identity. */
export interface WriteOperation {
  manager: string;
  operation: 'Apply' | 'Update';
  /** The version the writer used (`apps/v1`). */
  apiVersion: string;
  /** `status` for writes to `/status`; absent for the object itself. */
  subresource?: string;
  /** RFC 3339, seconds. */
  time: string;
}

/** One manager's fields, decoded. */
export interface ManagedSet {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
  /** The FieldsV1 `set` was decoded from: written back as it was while `set` is unchanged. */
  decodedFrom?: { fieldsV1: Record<string, unknown>; set: FieldSet };
}

/**
 * The identity of a manager (BuildManagerIdentifier): its name, operation and subresource, and for
 * updaters the API version too — an applier is the same manager whatever version it applies.
 */
export function managerId(e: { manager: string; operation: string; apiVersion: string; subresource?: string }): string {
  return JSON.stringify({ manager: e.manager, operation: e.operation, ...(e.operation === 'Update' ? { apiVersion: e.apiVersion } : {}), ...(e.subresource ? { subresource: e.subresource } : {}) });
}

export type Managers = Map<string, ManagedSet>;

/** Decoded field sets by the FieldsV1 object they came from (sets are never changed in place). */
const DECODED = new WeakMap<object, FieldSet>();

export function decodeManagedFields(entries: readonly ManagedFieldsEntry[] | undefined): Managers {
  const out: Managers = new Map();
  for (const e of entries ?? []) {
    const { fieldsV1, fieldsType: _t, ...rest } = e;
    let set = DECODED.get(fieldsV1);
    if (!set) DECODED.set(fieldsV1, (set = FieldSet.fromFieldsV1(fieldsV1)));
    out.set(managerId(e), { ...rest, set, decodedFrom: { fieldsV1, set } });
  }
  return out;
}

/** Entries in upstream's order: appliers before updaters, then by time, manager, version, subresource. */
export function encodeManagedFields(managers: Managers): ManagedFieldsEntry[] {
  const entries = [...managers.values()]
    .filter((m) => !m.set.empty())
    .map(
      (m): ManagedFieldsEntry => ({
        manager: m.manager,
        operation: m.operation,
        apiVersion: m.apiVersion,
        ...(m.time ? { time: m.time } : {}),
        fieldsType: 'FieldsV1',
        fieldsV1: m.decodedFrom?.set === m.set ? m.decodedFrom.fieldsV1 : m.set.toFieldsV1(),
        ...(m.subresource ? { subresource: m.subresource } : {}),
      }),
    );
  const seconds = (t?: string) => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return entries.sort((p, q) => cmp(p.operation, q.operation) || seconds(p.time) - seconds(q.time) || cmp(p.manager, q.manager) || cmp(p.apiVersion, q.apiVersion) || cmp(p.subresource ?? '', q.subresource ?? ''));
}

/** How a conflict names its manager (printManager): `"kubectl-edit" using apps/v1`, `"x" with subresource "status"`. */
export function printManager(m: { manager: string; operation: string; apiVersion: string; subresource?: string }): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s = `${s} with subresource ${JSON.stringify(m.subresource)}`;
  return m.operation === 'Update' ? `${s} using ${m.apiVersion}` : s;
}

/** RFC 3339 to the second, as metav1.Time serialises. */
export const managedTime = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
