import { deepEqual, resourceOfKind, rfc3339, type GenericKind, type GenericObject, type KubeObject, type Service } from '@kubesim/api';
import type { CommandOf } from './commands';
import { markCrdDeleted } from './crd.decide';
import { alreadyExists, conflict, NAMESPACE, notFound, type ResourceRef } from './errors';
import type { ClusterEvent, EventMeta } from './events';
import { allocateNodePorts } from './service-node-ports';
import { getNamespace, type ClusterView, type DecideContext } from './view';

/** The REST name of a generically stored kind, for Status messages (`deployments.apps "x" not found`). */
function restName(kind: GenericKind): { resource: string; group?: string } {
  const r = resourceOfKind(kind);
  return { resource: r?.plural ?? kind.toLowerCase(), ...(r?.group ? { group: r.group } : {}) };
}

export const refOf = (kind: GenericKind, name: string): ResourceRef => ({ ...restName(kind), kind, name });

const meta = (ctx: DecideContext): EventMeta => ({ at: new Date(ctx.now).toISOString(), by: ctx.by, ...(ctx.cause ? { cause: ctx.cause } : {}) });

function existing(view: ClusterView, kind: GenericKind, namespace: string, name: string, uid?: string): GenericObject {
  const o = view.get({ kind, namespace, name }) as GenericObject | undefined;
  if (!o) throw notFound(refOf(kind, name));
  if (uid && uid !== o.metadata.uid) throw conflict(refOf(kind, name), `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${o.metadata.uid}`);
  return o;
}

function checkVersion(o: KubeObject, kind: GenericKind, rv: string | undefined) {
  if (rv !== undefined && rv !== '' && rv !== o.metadata.resourceVersion) throw conflict(refOf(kind, o.metadata.name));
}

/** Equal as JSON, whatever the order of keys (a client echoes an object in its own order). */
const same = (a: unknown, b: unknown) => deepEqual(a, b);

/** The service CIDR; .1 is the `kubernetes` service and .10 cluster DNS, by convention. */
export const SERVICE_CIDR = '10.96.0.0/12';

/** The lowest free cluster IP (10.96.0.11 upward). */
export function nextClusterIP(view: ClusterView): string {
  const used = new Set<string>();
  for (const s of view.list('Service')) used.add((s as Service).spec.clusterIP);
  for (let i = 11; i < 1 << 20; i++) {
    const ip = `10.${96 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
    if (!used.has(ip)) return ip;
  }
  throw new Error(`no free cluster IP left in ${SERVICE_CIDR}`);
}

/** A Service without a cluster IP (new, or an ExternalName one changing type) gets the lowest free one. */
function withClusterIP(s: Service, view: ClusterView): Service {
  if (s.spec.clusterIP || s.spec.type === 'ExternalName') return s;
  const ip = nextClusterIP(view);
  return { ...s, spec: { ...s.spec, clusterIP: ip, clusterIPs: [ip] } };
}

export function createObject(c: CommandOf<'CreateObject'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const { kind } = c.object;
  const { name, namespace = '' } = c.object.metadata;
  if (namespace && !getNamespace(view, namespace)) throw notFound(NAMESPACE(namespace));
  if (view.get({ kind, namespace, name })) throw alreadyExists(refOf(kind, name));
  // kube-apiserver's strategies start `generation` at 1 for kinds with a spec; ConfigMaps and the like have none.
  let object = ('spec' in c.object ? { ...c.object, metadata: { ...c.object.metadata, generation: 1 } } : c.object) as GenericObject;
  if (object.kind === 'Service') object = allocateNodePorts(withClusterIP(object, view), view, refOf(kind, name));
  return [{ ...meta(ctx), type: 'ObjectCreated', object }];
}

/** A custom resource without a `status` subresource writes its status with the rest of the object. */
function statusKeptOnUpdate(kind: GenericKind): boolean {
  const r = resourceOfKind(kind);
  return !r?.custom || (r.subresources ?? []).includes('status');
}

/** Replaces metadata and spec; identity, creation time and status stay; a spec change bumps `generation`. */
export function updateObject(c: CommandOf<'UpdateObject'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const { kind } = c.object;
  const { name, namespace = '' } = c.object.metadata;
  const old = existing(view, kind, namespace, name, c.object.metadata.uid || undefined);
  checkVersion(old, kind, c.resourceVersion);
  const object = c.object.kind === 'Service' ? allocateNodePorts(withClusterIP(c.object, view), view, refOf(kind, name), old as Service) : c.object;
  const generation = old.metadata.generation === undefined ? undefined : old.metadata.generation + (same(old.spec, object.spec) ? 0 : 1);
  // A deletion in progress is not undone by an update (the body's deletionTimestamp is ignored).
  const deletion = old.metadata.deletionTimestamp ? { deletionTimestamp: old.metadata.deletionTimestamp, deletionGracePeriodSeconds: old.metadata.deletionGracePeriodSeconds ?? 0 } : {};
  const next = {
    ...object,
    metadata: { ...object.metadata, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp, resourceVersion: old.metadata.resourceVersion, managedFields: old.metadata.managedFields, ...(generation !== undefined ? { generation } : {}), ...deletion },
    status: statusKeptOnUpdate(kind) ? old.status : object.status,
  } as GenericObject;
  if (same(next, old)) return [];
  // The last finalizer of an object being deleted removed: it goes, as kube-apiserver's store does.
  if (old.metadata.deletionTimestamp && !(next.metadata.finalizers ?? []).length) return [{ ...meta(ctx), type: 'ObjectDeleted', kind, namespace, name }];
  return [{ ...meta(ctx), type: 'ObjectUpdated', object: next }];
}

export function updateObjectStatus(c: CommandOf<'UpdateObjectStatus'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const old = existing(view, c.kind, c.namespace, c.name);
  checkVersion(old, c.kind, c.resourceVersion);
  if (same(old.status, c.status)) return [];
  return [{ ...meta(ctx), type: 'ObjectStatusUpdated', kind: c.kind, namespace: c.namespace, name: c.name, status: c.status }];
}

/**
 * An object without finalizers goes at once. With finalizers it gets a `deletionTimestamp` and
 * stays (Terminating) until their controllers remove the last one; deleting it again changes nothing.
 */
export function deleteObject(c: CommandOf<'DeleteObject'>, view: ClusterView, ctx: DecideContext): ClusterEvent[] {
  const o = existing(view, c.kind, c.namespace, c.name, c.uid);
  if (o.kind === 'CustomResourceDefinition') return markCrdDeleted(o, ctx.now, meta(ctx));
  const finalizers = [...(o.metadata.finalizers ?? [])];
  // propagationPolicy Orphan: the `orphan` finalizer keeps it until the garbage collector has freed its dependents.
  if (c.orphanDependents && !finalizers.includes(ORPHAN_FINALIZER)) finalizers.push(ORPHAN_FINALIZER);
  // propagationPolicy Foreground: `foregroundDeletion` keeps it until the garbage collector has deleted its blocking dependents.
  if (c.foreground && !c.orphanDependents && !finalizers.includes(FOREGROUND_FINALIZER)) finalizers.push(FOREGROUND_FINALIZER);
  if (!finalizers.length) return [{ ...meta(ctx), type: 'ObjectDeleted', kind: c.kind, namespace: c.namespace, name: c.name }];
  if (o.metadata.deletionTimestamp && finalizers.length === (o.metadata.finalizers ?? []).length) return [];
  const object = { ...o, metadata: { ...o.metadata, finalizers, deletionTimestamp: o.metadata.deletionTimestamp ?? rfc3339(ctx.now), deletionGracePeriodSeconds: 0 } } as GenericObject;
  return [{ ...meta(ctx), type: 'ObjectUpdated', object }];
}

/** metav1.FinalizerOrphanDependents: the garbage collector removes dependents' references, then this finalizer. */
export const ORPHAN_FINALIZER = 'orphan';


/** metav1.FinalizerDeleteDependents: the garbage collector deletes the dependents first, then removes it. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
