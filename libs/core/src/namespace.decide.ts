import type { Namespace } from '@kubesim/api';
import type { CommandOf } from './commands';
import { alreadyExists, notFound, NAMESPACE, conflict } from './errors';
import type { ClusterEvent, EventMeta } from './events';
import { getNamespace, type ClusterView, type DecideContext } from './view';

const meta = (ctx: DecideContext): EventMeta => ({ at: new Date(ctx.now).toISOString(), by: ctx.by, ...(ctx.cause ? { cause: ctx.cause } : {}) });

function existing(view: ClusterView, name: string, uid?: string): Namespace {
  const ns = getNamespace(view, name);
  if (!ns) throw notFound(NAMESPACE(name));
  if (uid && ns.metadata.uid !== uid) throw conflict(NAMESPACE(name), `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${ns.metadata.uid}`);
  return ns;
}

export function createNamespace(c: CommandOf<'CreateNamespace'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const name = c.namespace.metadata.name;
  if (getNamespace(view, name)) throw alreadyExists(NAMESPACE(name));
  return [{ ...meta(ctx), type: 'NamespaceCreated', namespace: c.namespace }];
}

/**
 * The namespace storage's Delete: the first DELETE sets the deletionTimestamp and phase
 * Terminating; later ones change nothing; with no `spec.finalizers` it is removed at once.
 */
export function deleteNamespace(c: CommandOf<'DeleteNamespace'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const ns = existing(view, c.name, c.uid);
  if (!ns.spec.finalizers?.length) return [{ ...meta(ctx), type: 'NamespaceDeleted', name: c.name }];
  if (ns.metadata.deletionTimestamp) return [];
  const deletionTimestamp = new Date(ctx.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [{ ...meta(ctx), type: 'NamespaceDeletionRequested', name: c.name, deletionTimestamp }];
}

/** Conditions keep their lastTransitionTime while their status stays the same; an unchanged set writes nothing. */
export function setNamespaceConditions(c: CommandOf<'SetNamespaceConditions'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const ns = existing(view, c.name);
  const old = ns.status.conditions ?? [];
  const conditions = c.conditions.map((x) => {
    const before = old.find((o) => o.type === x.type);
    return before && before.status === x.status ? { ...x, lastTransitionTime: before.lastTransitionTime } : x;
  });
  if (JSON.stringify(conditions) === JSON.stringify(old)) return [];
  return [{ ...meta(ctx), type: 'NamespaceConditionsSet', name: c.name, conditions }];
}

/**
 * The `finalize` subresource: `spec.finalizers` replaced. A terminating namespace left with none is
 * removed, and with it the Events still recorded in it (they have no deletion of their own).
 */
export function finalizeNamespace(c: CommandOf<'FinalizeNamespace'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const ns = existing(view, c.name);
  const out: ClusterEvent[] = [];
  if (JSON.stringify(ns.spec.finalizers ?? []) !== JSON.stringify(c.finalizers)) out.push({ ...meta(ctx), type: 'NamespaceFinalized', name: c.name, finalizers: c.finalizers });
  if (ns.metadata.deletionTimestamp && c.finalizers.length === 0) {
    for (const e of view.list('Event')) if (e.metadata.namespace === c.name) out.push({ ...meta(ctx), type: 'EventDeleted', namespace: c.name, name: e.metadata.name });
    out.push({ ...meta(ctx), type: 'NamespaceDeleted', name: c.name });
  }
  return out;
}
