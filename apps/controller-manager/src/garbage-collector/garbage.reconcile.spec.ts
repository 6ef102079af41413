import type { KubeObject } from '@kubesim/api';
import { dependentsToFree, foregroundPlan, isOrphaning, orphaned } from './garbage.reconcile';
import { aPodWith } from '../shared/workload.fixtures';

describe('garbage collector: background cascading deletion', () => {
  const owned = aPodWith('p', { owner: { kind: 'Job', name: 'pi', uid: 'uid-pi' } });
  it('deletes a dependent once every owner is gone', () => expect(orphaned(owned, () => false)).toBe(true));
  it('keeps a dependent whose owner still exists', () => expect(orphaned(owned, (uid) => uid === 'uid-pi')).toBe(false));
  it('never deletes an object without owners', () => expect(orphaned(aPodWith('bare'), () => false)).toBe(false));
});

describe('propagationPolicy Orphan', () => {
  const obj = (kind: string, name: string, refs: { uid: string }[] = [], extra: Record<string, unknown> = {}) =>
    ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'default', uid: `uid-${name}`, ownerReferences: refs.map((r) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'x', controller: true, ...r })), ...extra } }) as unknown as KubeObject;

  it('an owner marked for deletion with the orphan finalizer is orphaning; its dependents keep their other references', () => {
    const web = obj('StatefulSet', 'web', [], { deletionTimestamp: '2024-05-01T09:00:00Z', finalizers: ['orphan'] });
    expect(isOrphaning(web, 'orphan')).toBe(true);
    expect(isOrphaning(obj('StatefulSet', 'other', [], { finalizers: ['orphan'] }), 'orphan')).toBe(false);
    const pod = obj('Pod', 'web-0', [{ uid: 'uid-web' }, { uid: 'uid-other' }]);
    const unrelated = obj('Pod', 'x-0', [{ uid: 'uid-other' }]);
    expect(dependentsToFree(web, [web, pod, unrelated])).toEqual([{ object: pod, ownerReferences: [pod.metadata.ownerReferences![1]] }]);
  });
});

describe('propagationPolicy Foreground', () => {
  const obj = (kind: string, name: string, refs: { uid: string; blockOwnerDeletion?: boolean }[] = [], extra: Record<string, unknown> = {}) =>
    ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'default', uid: `uid-${name}`, ownerReferences: refs.map((r) => ({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', controller: true, ...r })), ...extra } }) as unknown as KubeObject;
  const web = obj('Deployment', 'web', [], { deletionTimestamp: '2024-05-01T09:00:00Z', finalizers: ['foregroundDeletion'] });

  it('deletes every dependent, blocking ones in foreground too, and waits while a blocking one exists', () => {
    const rs = obj('ReplicaSet', 'web-1', [{ uid: 'uid-web', blockOwnerDeletion: true }]);
    const cm = obj('ConfigMap', 'web-conf', [{ uid: 'uid-web' }]);
    const other = obj('ReplicaSet', 'api-1', [{ uid: 'uid-api', blockOwnerDeletion: true }]);
    expect(foregroundPlan(web, [web, rs, cm, other])).toEqual({ toDelete: [{ object: rs, foreground: true }, { object: cm, foreground: false }], blocked: true });
  });

  it('a blocking dependent already being deleted is waited for but not deleted again; none left unblocks the owner', () => {
    const going = obj('ReplicaSet', 'web-1', [{ uid: 'uid-web', blockOwnerDeletion: true }], { deletionTimestamp: '2024-05-01T09:00:01Z' });
    expect(foregroundPlan(web, [web, going])).toEqual({ toDelete: [], blocked: true });
    expect(foregroundPlan(web, [web, obj('ConfigMap', 'c', [{ uid: 'uid-web' }], { deletionTimestamp: 'x' })])).toEqual({ toDelete: [], blocked: false });
  });
});
