import type { KubeObject } from '@kubesim/api';

/** An object whose owners are all gone: background cascading deletion removes it. */
export function orphaned(o: KubeObject, exists: (uid: string) => boolean): boolean {
  const refs = o.metadata.ownerReferences ?? [];
  return refs.length > 0 && refs.every((r) => !exists(r.uid));
}
