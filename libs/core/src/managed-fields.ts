import { builtinShape, creationBase, managedTime, managerId, recordUpdate, resourceOfKind, schemaShape, type KubeObject, type ManagedFieldsEntry, type Shape } from '@kubesim/api';
import { evolve } from './evolve';
import type { ClusterEvent, ClusterEventType, ManagedFieldsChange } from './events';
import type { ObjectKey } from './object-key';

/**
 * How a write's fields are recorded in the object's managedFields:
 * - `update`: as an Update by `manager` (create, replace, patch; a component's write);
 * - `applied`: a server-side apply already worked them out (the entries to keep);
 * - absent: an Update by the component the write is `by` (kubelet, kube-scheduler, kube-controller-manager).
 */
export type FieldsWrite = { type: 'update'; manager: string; apiVersion?: string; subresource?: string } | { type: 'applied'; managedFields: ManagedFieldsEntry[]; key: ObjectKey };

/** Events that are a component's status report: written through `/status` upstream. */
const STATUS_EVENTS = new Set<ClusterEventType>(['PodStatusReported', 'PodConditionSet', 'PodPhaseChanged', 'NodeStatusReported', 'NodeConditionChanged', 'ObjectStatusUpdated', 'NamespaceConditionsSet']);
/** Writes that upstream's field manager never sees: the binding subresource, what-if process actions. */
const UNTRACKED = new Set<ClusterEventType>(['PodBound', 'NodeProcessAction']);

/**
 * The field manager upstream's components write as: kubelets as `kubelet`, the scheduler as
 * `kube-scheduler`, controllers as `kube-controller-manager`; a user agent as its first word.
 */
export function managerOfComponent(by: string): string {
  if (by.startsWith('user:')) return by.slice('user:'.length);
  if (by === 'kubelet' || by.startsWith('kubelet/') || by.startsWith('kubelet-pool/')) return 'kubelet';
  if (by === 'default-scheduler' || by === 'kube-scheduler') return 'kube-scheduler';
  if (by === 'apiserver') return 'kube-apiserver';
  return 'kube-controller-manager';
}

/** The shape (list and map semantics) of a kind's objects: its CRD schema for a custom kind. */
export function shapeOfKind(kind: string): Shape {
  const r = resourceOfKind(kind);
  return r?.custom ? schemaShape(kind, r.custom.schema) : builtinShape(kind);
}

/**
 * One object's events of a write, with a ManagedFieldsUpdated event appended when the write changes
 * the object's managedFields. Events (the kind) keep none, as the log would otherwise double.
 */
export function withManagedFields(key: ObjectKey, events: ClusterEvent[], current: KubeObject | undefined, now: number, by: string, write?: FieldsWrite): ClusterEvent[] {
  const appliedOnly = !events.length && write?.type === 'applied' && current !== undefined;
  if (key.kind === 'Event' || (!events.length && !appliedOnly) || (events.length && events.every((e) => UNTRACKED.has(e.type)))) return events;
  const after = events.reduce<KubeObject | undefined>((o, e) => evolve(o, e, 0), current);
  if (!after) return events;
  const had = after.metadata.managedFields as ManagedFieldsEntry[] | undefined;
  let next: ManagedFieldsEntry[] | undefined;
  if (write?.type === 'applied') next = write.managedFields;
  else {
    const r = resourceOfKind(key.kind);
    const subresource = write ? write.subresource : events.every((e) => STATUS_EVENTS.has(e.type)) ? 'status' : undefined;
    const op = { manager: write ? write.manager : managerOfComponent(by), operation: 'Update' as const, apiVersion: write?.apiVersion ?? String(after.apiVersion ?? 'v1'), ...(subresource ? { subresource } : {}), time: managedTime(now) };
    const scope = { subresource, statusSubresource: (r?.subresources ?? []).includes('status') };
    const base = current ? undefined : creationBase(after as never, !r?.custom);
    next = recordUpdate(current?.metadata.managedFields as ManagedFieldsEntry[] | undefined, current as never, after as never, shapeOfKind(key.kind), op, scope, base);
  }
  if (sameEntries(had, next)) return events;
  const previous = new Map((had ?? []).map((e) => [managerId(e), e.fieldsV1]));
  const managedFields = (next ?? []).map((e): ManagedFieldsChange => {
    if (!sameFields(previous.get(managerId(e)), e.fieldsV1)) return e;
    const { fieldsV1: _f, fieldsType: _t, ...rest } = e;
    return rest;
  });
  const last = events[events.length - 1] ?? { at: new Date(now).toISOString(), by };
  return [...events, { at: last.at, by: last.by, ...(last.cause ? { cause: last.cause } : {}), type: 'ManagedFieldsUpdated', kind: key.kind as never, namespace: key.namespace, name: key.name, managedFields }];
}

/** The same FieldsV1 object (an entry the write left alone) or the same JSON. */
const sameFields = (a: unknown, b: unknown) => a === b || (a !== undefined && JSON.stringify(a) === JSON.stringify(b));

const sameEntries = (a: ManagedFieldsEntry[] = [], b: ManagedFieldsEntry[] = []) =>
  a.length === b.length && a.every((e, i) => e.manager === b[i].manager && e.operation === b[i].operation && e.apiVersion === b[i].apiVersion && e.time === b[i].time && e.subresource === b[i].subresource && sameFields(e.fieldsV1, b[i].fieldsV1));
