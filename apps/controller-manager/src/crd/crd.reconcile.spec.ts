import { CRD_CLEANUP_FINALIZER } from '@kubesim/api';
import { instanceKindOf, nameConflict, reconcileCrd, type CrdAction } from './crd.reconcile';

type Obj = Record<string, any>;
const NOW = Date.parse('2026-01-01T00:00:00Z');
const names = { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList', shortNames: ['ct'] };
function aCrd(o: { name?: string; group?: string; names?: Obj; status?: Obj; deleting?: boolean } = {}): Obj {
  const n = o.names ?? names;
  const group = o.group ?? 'stable.example.com';
  return {
    kind: 'CustomResourceDefinition',
    metadata: { name: o.name ?? `${n.plural}.${group}`, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: [CRD_CLEANUP_FINALIZER] } : {}) },
    spec: { group, scope: 'Namespaced', names: n, versions: [{ name: 'v1', served: true, storage: true }] },
    status: o.status ?? { conditions: [], acceptedNames: { plural: '', kind: '' }, storedVersions: ['v1'] },
  };
}
const statusOf = (a: CrdAction[]) => (a.find((x) => x.type === 'status') as Extract<CrdAction, { type: 'status' }> | undefined)?.status;
const conditions = (a: CrdAction[]) => (statusOf(a)?.conditions ?? []).map((c: Obj) => `${c.type}=${c.status} ${c.reason}: ${c.message}`);
const established = (): Obj => {
  const crd = aCrd();
  return { ...crd, status: statusOf(reconcileCrd(crd, [crd], 0, NOW)) };
};

describe('CRD controller (naming, establishing, finalizer)', () => {
  it('given a new CRD whose names are free, then NamesAccepted and Established as upstream, with the accepted names', () => {
    const crd = aCrd();
    const actions = reconcileCrd(crd, [crd], 0, NOW);
    expect(conditions(actions)).toEqual(['NamesAccepted=True NoConflicts: no conflicts found', 'Established=True InitialNamesAccepted: the initial names have been accepted']);
    expect(statusOf(actions)?.acceptedNames).toEqual(names);
    expect(statusOf(actions)?.conditions[0].lastTransitionTime).toBe('2026-01-01T00:00:00Z');
  });

  it('given an Established CRD, when it syncs again, then nothing is written', () => {
    const crd = established();
    expect(reconcileCrd(crd, [crd], 0, NOW + 5000)).toEqual([]);
  });

  it('given a name another CRD of the group has accepted, then NamesAccepted=False NameConflict and not Established', () => {
    const other = established();
    const crd = aCrd({ name: 'crontabs2.stable.example.com', names: { ...names, plural: 'crontabs2', singular: 'crontab2', shortNames: ['ct'], kind: 'CronTab2', listKind: 'CronTab2List' } });
    expect(conditions(reconcileCrd(crd, [other, crd], 0, NOW))).toEqual(['NamesAccepted=False NameConflict: "ct" is already in use', 'Established=False NotAccepted: not all names are accepted']);
  });

  it('names of another group are free, but a kind served in any group is taken (the log is keyed by kind)', () => {
    const other = established();
    expect(nameConflict(aCrd({ group: 'other.example.com' }), [other])).toBe(undefined);
    expect(nameConflict(aCrd({ group: 'other.example.com', names: { ...names, kind: 'Deployment', listKind: 'DeploymentList' } }), [])).toBe('"Deployment" is already in use');
  });

  it('given a deleted CRD with instances, then Terminating=True InstanceDeletionInProgress and its instances are deleted', () => {
    const crd = { ...established(), metadata: { ...aCrd({ deleting: true }).metadata } };
    const actions = reconcileCrd(crd, [crd], 2, NOW);
    expect(conditions(actions)).toContain('Terminating=True InstanceDeletionInProgress: CustomResource deletion is in progress');
    expect(actions.map((a) => a.type)).toEqual(['status', 'deleteInstances']);
  });

  it('given a deleted CRD whose instances are gone, then Terminating=False InstanceDeletionCompleted and its finalizer removed', () => {
    const crd = { ...established(), metadata: { ...aCrd({ deleting: true }).metadata } };
    const actions = reconcileCrd(crd, [crd], 0, NOW);
    expect(conditions(actions)).toContain('Terminating=False InstanceDeletionCompleted: removed all instances');
    expect(actions.map((a) => a.type)).toEqual(['status', 'removeFinalizer']);
  });

  it('given a CRD whose storage version moved to v2, then v2 joins status.storedVersions', () => {
    const crd = established();
    const moved = { ...crd, spec: { ...crd.spec, versions: [{ name: 'v1', served: true, storage: false }, { name: 'v2', served: true, storage: true }] } };
    expect(statusOf(reconcileCrd(moved, [moved], 0, NOW))?.storedVersions).toEqual(['v1', 'v2']);
  });

  it("a CRD's instances are of its accepted kind, and only once it was Established", () => {
    expect(instanceKindOf(aCrd())).toBeUndefined();
    expect(instanceKindOf(established())).toBe('CronTab');
  });
});
