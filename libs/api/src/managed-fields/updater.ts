import { compare } from './compare';
import { decodeManagedFields, encodeManagedFields, managerId, printManager, type ManagedFieldsEntry, type Managers, type WriteOperation } from './entries';
import { FieldSet, pathString } from './field-set';
import { dropNulls, merge, removeItems } from './merge';
import type { Shape } from './shape';
import { toFieldSet } from './to-field-set';
import { deepEqual, isObj, type Obj } from './values';

/** Fields no manager owns (the strip-meta manager's set): identity and server-set metadata. */
const STRIPPED = [['f:apiVersion'], ['f:kind'], ['f:metadata'], ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => ['f:metadata', `f:${f}`])];
const STRIP_SET = FieldSet.of(...STRIPPED);

/**
 * Which part of the object a write may own: a `/status` write owns only status; a write to the
 * object itself owns all but status when the kind has a status subresource (upstream's reset fields).
 */
export interface WriteScope {
  subresource?: string;
  statusSubresource: boolean;
}

/** The part of an object a write's fields are counted in (managedFields and identity left out). */
function scoped(o: Obj | undefined, scope: WriteScope): Obj | undefined {
  if (!o) return undefined;
  if (scope.subresource === 'status') return o.status === undefined ? {} : { status: o.status };
  const { managedFields: _m, resourceVersion: _rv, ...metadata } = (o.metadata ?? {}) as Obj;
  const { status: _s, ...rest } = o;
  return { ...(scope.statusSubresource ? rest : o), metadata };
}

const owned = (set: FieldSet) => set.difference(STRIP_SET);

/**
 * What a built-in object is compared with when it is created: its zero value, whose `spec`,
 * `status` and pod template exist, empty (a custom object's is only its apiVersion and kind).
 */
export function creationBase(object: Obj, builtin: boolean): Obj {
  if (!builtin) return { apiVersion: object.apiVersion, kind: object.kind };
  const base: Obj = { metadata: {} };
  for (const [k, v] of Object.entries(object)) if (isObj(v)) base[k] = {};
  const spec = object.spec as Obj | undefined;
  if (isObj(spec) && isObj(base.spec)) {
    const s: Obj = {};
    if (isObj(spec.template)) s.template = { metadata: {}, spec: { containers: null } };
    if (Array.isArray(spec.containers)) s.containers = null;
    for (const k of ['strategy', 'updateStrategy']) if (isObj(spec[k])) s[k] = {};
    base.spec = s;
  }
  return base;
}

/**
 * An update (create, replace, patch, a controller's write) recorded as upstream's
 * managedFieldsUpdater does: the fields it added or changed become the writer's (and stop being
 * anyone else's), fields it removed stop being anyone's, and its entry's time moves when it changed
 * something. `live` undefined = a create, compared with `base`.
 */
export function recordUpdate(managed: readonly ManagedFieldsEntry[] | undefined, live: Obj | undefined, next: Obj, shape: Shape, op: WriteOperation, scope: WriteScope, base?: Obj): ManagedFieldsEntry[] | undefined {
  const c = compare(scoped(live ?? base ?? {}, scope), scoped(next, scope), shape);
  const changed = owned(c.modified.union(c.added));
  const removed = c.removed;
  if (changed.empty() && removed.empty()) return managed ? [...managed] : undefined;
  const managers = decodeManagedFields(managed);
  for (const m of managers.values()) {
    if (m.set.intersects(changed)) m.set = m.set.difference(changed);
    if (m.set.intersects(removed)) m.set = m.set.difference(removed);
  }
  if (!changed.empty()) {
    const id = managerId(op);
    const previous = managers.get(id);
    const set = !previous ? changed : changed.difference(previous.set).empty() ? previous.set : previous.set.union(changed);
    managers.set(id, { ...previous, manager: op.manager, operation: 'Update', apiVersion: op.apiVersion, time: op.time, ...(op.subresource ? { subresource: op.subresource } : {}), set });
  }
  const out = encodeManagedFields(managers);
  return out.length ? out : managed === undefined ? undefined : [];
}

/** What of an applied configuration a write may set: only status on `/status`, all but status on the object (if it has `/status`). */
function scopedConfig(config: Obj, scope: WriteScope): Obj {
  const { status, ...rest } = config;
  if (scope.subresource === 'status') return { apiVersion: config.apiVersion, kind: config.kind, metadata: config.metadata, ...(status !== undefined ? { status } : {}) };
  return scope.statusSubresource ? rest : config;
}

/** One field another manager owns that an apply would change. */
export interface FieldConflict {
  manager: string;
  path: string;
}

export class ApplyConflictError extends Error {
  constructor(readonly conflicts: readonly FieldConflict[]) {
    super(conflictMessage(conflicts));
  }
}

/** Upstream's message: one conflict inline, several grouped by manager (sorted). */
export function conflictMessage(conflicts: readonly FieldConflict[]): string {
  if (conflicts.length === 1) return `Apply failed with 1 conflict: conflict with ${conflicts[0].manager}: ${conflicts[0].path}`;
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.path]);
  const lines = [...byManager.keys()].sort().flatMap((m) => [`conflicts with ${m}`, ...byManager.get(m)!.map((p) => `- ${p}`)]);
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

export interface Applied {
  object: Obj;
  managedFields: ManagedFieldsEntry[];
}

/**
 * A server-side apply (Updater.Apply): `config` merged into `live`; the fields the applier owned
 * before and no longer sets are removed unless someone else owns them; a change to a field another
 * manager owns is a conflict unless `force`, which takes it over. The applier owns exactly what it
 * applied. `live` undefined = create on apply.
 */
export function applyConfig(live: Obj | undefined, given: Obj, shape: Shape, op: WriteOperation, scope: WriteScope, force: boolean, base?: Obj): Applied {
  const config = scopedConfig(given, scope);
  const managers: Managers = decodeManagedFields(live?.metadata ? ((live.metadata as Obj).managedFields as ManagedFieldsEntry[] | undefined) : undefined);
  const id = managerId(op);
  const applied = owned(toFieldSet(scoped(config, scope), shape));
  const last = managers.get(id)?.set;
  const before = live ?? base ?? {};
  let object = merge(before, config, shape) as Obj;
  if (last) {
    let others = new FieldSet();
    for (const [k, m] of managers) if (k !== id) others = others.union(m.set);
    const gone = new FieldSet();
    for (const p of last.difference(applied).paths()) if (!others.hasPrefix(p) && !applied.hasPrefix(p)) gone.insert(p);
    object = removeItems(object, gone, shape) as Obj;
  }
  object = dropNulls(object) as Obj;
  const c = compare(scoped(before, scope), scoped(object, scope), shape);
  const changed = c.modified.union(c.added);
  const conflicts: FieldConflict[] = [];
  const taken = new Map<string, FieldSet>();
  for (const [k, m] of [...managers].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (k === id) continue;
    const clash = m.set.intersection(changed);
    if (clash.empty()) continue;
    taken.set(k, clash);
    for (const p of clash.paths()) conflicts.push({ manager: printManager(m), path: pathString(p) });
  }
  if (conflicts.length && !force) throw new ApplyConflictError(conflicts);
  for (const [k, m] of managers) {
    if (k === id) continue;
    m.set = m.set.difference(taken.get(k) ?? new FieldSet()).difference(c.removed);
  }
  const previous = managers.get(id);
  const unchanged = live !== undefined && deepEqual(live, object);
  managers.set(id, { manager: op.manager, operation: 'Apply', apiVersion: op.apiVersion, time: unchanged && previous?.time ? previous.time : op.time, ...(op.subresource ? { subresource: op.subresource } : {}), set: applied });
  return { object, managedFields: encodeManagedFields(managers) };
}
