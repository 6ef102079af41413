import type { KubeObject } from '@kubesim/api';

/** An object whose owners are all gone: background cascading deletion removes it. */
export function orphaned(o: KubeObject, exists: (uid: string) => boolean): boolean {
  const refs = o.metadata.ownerReferences ?? [];
  return refs.length > 0 && refs.every((r) => !exists(r.uid));
}

/** An owner deleted with propagationPolicy Orphan, waiting for its dependents to be freed. */
export const isOrphaning = (o: KubeObject, finalizer: string) => Boolean(o.metadata.deletionTimestamp && o.metadata.finalizers?.includes(finalizer));

/** orphanDependents: each object referring to `owner`, with the references it keeps. */
export function dependentsToFree(owner: KubeObject, objects: Iterable<KubeObject>): { object: KubeObject; ownerReferences: NonNullable<KubeObject['metadata']['ownerReferences']> }[] {
  const out: { object: KubeObject; ownerReferences: NonNullable<KubeObject['metadata']['ownerReferences']> }[] = [];
  for (const o of objects) {
    const refs = o.metadata.ownerReferences ?? [];
    if (o.metadata.namespace !== owner.metadata.namespace || !refs.some((r) => r.uid === owner.metadata.uid)) continue;
    out.push({ object: o, ownerReferences: refs.filter((r) => r.uid !== owner.metadata.uid) });
  }
  return out;
}

/** An owner deleted with propagationPolicy Foreground, waiting for its dependents to be deleted. */
export const isDeletingDependents = (o: KubeObject, finalizer: string) => isOrphaning(o, finalizer);

type OwnerRef = NonNullable<KubeObject['metadata']['ownerReferences']>[number];

/**
 * Foreground deletion of `owner` (processDeletingDependentsItem): its dependents to delete (those
 * with `blockOwnerDeletion` in foreground too, so that theirs go first) and whether any blocking
 * dependent is left — when none is, its `foregroundDeletion` finalizer goes.
 */
export function foregroundPlan(owner: KubeObject, objects: Iterable<KubeObject>): { toDelete: { object: KubeObject; foreground: boolean }[]; blocked: boolean } {
  const toDelete: { object: KubeObject; foreground: boolean }[] = [];
  let blocked = false;
  for (const o of objects) {
    if (owner.metadata.namespace && o.metadata.namespace !== owner.metadata.namespace) continue;
    const ref = (o.metadata.ownerReferences ?? []).find((r: OwnerRef) => r.uid === owner.metadata.uid);
    if (!ref) continue;
    if (ref.blockOwnerDeletion) blocked = true;
    if (!o.metadata.deletionTimestamp) toDelete.push({ object: o, foreground: ref.blockOwnerDeletion === true });
  }
  return { toDelete, blocked };
}
