import { CRD_CLEANUP_FINALIZER, isEstablished, rfc3339, servedResources } from '@kubesim/api';

type Obj = Record<string, any>;

/** What one sync of a CustomResourceDefinition does (apiextensions-apiserver's naming, establishing and finalizer controllers). */
export type CrdAction =
  | { type: 'status'; status: Obj }
  | { type: 'deleteInstances' }
  | { type: 'removeFinalizer' };

const condition = (type: string, status: 'True' | 'False', reason: string, message: string, now: number) => ({ type, status, lastTransitionTime: rfc3339(now), reason, message });

/** Sets a condition, keeping its lastTransitionTime while its status does not change. */
function setCondition(status: Obj, c: Obj): Obj {
  const conditions: Obj[] = status.conditions ?? [];
  const old = conditions.find((x) => x.type === c.type);
  const next = old && old.status === c.status ? { ...c, lastTransitionTime: old.lastTransitionTime } : c;
  return { ...status, conditions: old ? conditions.map((x) => (x.type === c.type ? next : x)) : [...conditions, next] };
}

const namesOf = (crd: Obj): Obj => crd.spec?.names ?? {};
const acceptedOf = (crd: Obj): Obj => crd.status?.acceptedNames ?? {};
const wordsOf = (n: Obj): string[] => [n.plural, n.singular, ...(n.shortNames ?? [])].filter(Boolean);

/**
 * The naming controller's check: a name already accepted by another CRD of the group (plural,
 * singular, short names, kind, listKind), or — kubesim's log is keyed by kind — a kind another
 * resource already has in any group. Returns upstream's message, or undefined when all are free.
 */
export function nameConflict(crd: Obj, others: readonly Obj[]): string | undefined {
  const names = namesOf(crd);
  const group = crd.spec?.group;
  const sameGroup = others.filter((o) => o.metadata.name !== crd.metadata.name && o.spec?.group === group);
  const taken = new Set(sameGroup.flatMap((o) => wordsOf(acceptedOf(o))));
  const builtIn = servedResources().filter((r) => !r.custom || r.custom.crd !== crd.metadata.name);
  for (const r of builtIn.filter((x) => x.group === group)) for (const w of [r.plural, r.singular, ...(r.shortNames ?? [])]) taken.add(w);
  for (const w of wordsOf(names)) if (taken.has(w)) return `"${w}" is already in use`;
  const kinds = new Set([...sameGroup.map((o) => acceptedOf(o).kind), ...builtIn.map((r) => r.kind)]);
  if (kinds.has(names.kind)) return `"${names.kind}" is already in use`;
  const listKinds = new Set(sameGroup.map((o) => acceptedOf(o).listKind));
  if (names.listKind && listKinds.has(names.listKind)) return `"${names.listKind}" is already in use`;
  return undefined;
}

/**
 * One sync of a CRD. Alive: NamesAccepted (NoConflicts / NameConflict) with acceptedNames, then
 * Established (InitialNamesAccepted) — from then on its resources are served. Deleted (the
 * cleanup finalizer on it): Terminating=True InstanceDeletionInProgress while its custom
 * resources are deleted, then Terminating=False InstanceDeletionCompleted and the finalizer goes.
 */
export function reconcileCrd(crd: Obj, others: readonly Obj[], instances: number, now: number): CrdAction[] {
  const status: Obj = crd.status ?? {};
  if (crd.metadata.deletionTimestamp) {
    if (!(crd.metadata.finalizers ?? []).includes(CRD_CLEANUP_FINALIZER)) return [];
    if (instances > 0 && isEstablished(crd)) {
      const next = setCondition(status, condition('Terminating', 'True', 'InstanceDeletionInProgress', 'CustomResource deletion is in progress', now));
      return [...(JSON.stringify(next) !== JSON.stringify(status) ? [{ type: 'status' as const, status: next }] : []), { type: 'deleteInstances' }];
    }
    const done = setCondition(status, condition('Terminating', 'False', 'InstanceDeletionCompleted', 'removed all instances', now));
    return [{ type: 'status', status: done }, { type: 'removeFinalizer' }];
  }
  const conflict = nameConflict(crd, others);
  let next: Obj;
  if (conflict) {
    next = setCondition(status, condition('NamesAccepted', 'False', 'NameConflict', conflict, now));
    if (!isEstablished(crd)) next = setCondition(next, condition('Established', 'False', 'NotAccepted', 'not all names are accepted', now));
  } else {
    const names = namesOf(crd);
    next = { ...setCondition(status, condition('NamesAccepted', 'True', 'NoConflicts', 'no conflicts found', now)), acceptedNames: { ...names } };
    next = setCondition(next, condition('Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted', now));
  }
  // A new storage version joins status.storedVersions (upstream's update strategy; removing one is the user's job).
  const storage = (crd.spec?.versions ?? []).find((v: Obj) => v.storage)?.name;
  const stored: string[] = next.storedVersions ?? [];
  if (storage && !stored.includes(storage)) next = { ...next, storedVersions: [...stored, storage] };
  return JSON.stringify(next) === JSON.stringify(status) ? [] : [{ type: 'status', status: next }];
}

/** The kind whose objects a CRD's deletion removes: its accepted kind, once it was Established. */
export const instanceKindOf = (crd: Obj): string | undefined => (isEstablished(crd) ? (acceptedOf(crd).kind ?? namesOf(crd).kind) : undefined);
