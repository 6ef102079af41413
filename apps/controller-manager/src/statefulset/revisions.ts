import type { ControllerRevision, PodTemplateSpec, StatefulSet, WrittenObject } from '@kubesim/api';
import { ownerReference } from '../shared/owner';
import { canonicalJson, podTemplateHash } from '../shared/template-hash';

/** The label history.NewControllerRevision puts on a revision: its hash. */
export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** getPatch: what a StatefulSet's revision records — its template, to be replaced whole. */
export const revisionData = (set: StatefulSet) => ({ spec: { template: { ...structuredClone(set.spec.template), $patch: 'replace' } } });

/** The template a revision recorded. */
export function templateOf(r: ControllerRevision): PodTemplateSpec {
  const { $patch: _p, ...t } = (r.data as { spec: { template: PodTemplateSpec & { $patch?: string } } }).spec.template;
  return t;
}

const sameData = (r: ControllerRevision, data: unknown) => canonicalJson(r.data) === canonicalJson(data);

/** The revisions the set owns, oldest revision number first. */
export function ownedRevisions(set: StatefulSet, revisions: readonly ControllerRevision[]): ControllerRevision[] {
  return revisions
    .filter((r) => r.metadata.namespace === set.metadata.namespace && r.metadata.ownerReferences?.some((o) => o.controller && o.uid === set.metadata.uid))
    .sort((a, b) => a.revision - b.revision || a.metadata.name.localeCompare(b.metadata.name));
}

/** What the set's revision history needs before its pods can be synced. */
export type RevisionStep =
  | { type: 'ready'; update: ControllerRevision; current: ControllerRevision }
  /** No revision records the template yet: a new one, numbered after the newest. */
  | { type: 'create'; revision: WrittenObject }
  /** A rollback to an older template: that revision becomes the newest again (history.UpdateControllerRevision). */
  | { type: 'renumber'; revision: ControllerRevision; number: number };

/**
 * getStatefulSetRevisions (pure): the update revision is the one recording the current template
 * (`<set>-<hash>`); the current revision is `status.currentRevision` while it exists, else the update one.
 */
export function revisionStep(set: StatefulSet, revisions: readonly ControllerRevision[]): RevisionStep {
  const owned = ownedRevisions(set, revisions);
  const data = revisionData(set);
  const next = (owned.at(-1)?.revision ?? 0) + 1;
  const equal = owned.filter((r) => sameData(r, data));
  const update = equal.at(-1);
  if (!update) {
    const hash = podTemplateHash([set.spec.template, set.status?.collisionCount ?? 0]);
    return {
      type: 'create',
      revision: {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: { name: `${set.metadata.name}-${hash}`, namespace: set.metadata.namespace, labels: { ...(set.spec.template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash }, ownerReferences: [ownerReference(set)] },
        data,
        revision: next,
      },
    };
  }
  if (update !== owned.at(-1)) return { type: 'renumber', revision: update, number: next };
  const current = owned.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { type: 'ready', update, current };
}

/**
 * truncateHistory: revisions beyond `revisionHistoryLimit` that no live pod, nor the current or
 * update revision, uses — oldest first.
 */
export function surplusRevisions(set: StatefulSet, revisions: readonly ControllerRevision[], inUse: ReadonlySet<string>): ControllerRevision[] {
  const unused = ownedRevisions(set, revisions).filter((r) => !inUse.has(r.metadata.name));
  const limit = set.spec.revisionHistoryLimit ?? 10;
  return unused.slice(0, Math.max(0, unused.length - limit));
}
