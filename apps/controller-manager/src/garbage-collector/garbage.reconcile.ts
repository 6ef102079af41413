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
