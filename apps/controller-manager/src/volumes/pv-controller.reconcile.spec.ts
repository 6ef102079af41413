import type { PersistentVolumeClaim, Pod } from '@kubesim/api';
import { aClaim, aClass, aVolume, makePod } from '@kubesim/scheduling';
import { deleteReleasedVolume, provisionClaim, resizeClaim } from './provisioner.reconcile';
import { protectClaim, protectVolume } from './protection.reconcile';
import { syncClaim, syncVolume } from './pv-controller.reconcile';
import type { StorageView, VolumeAction } from './volume-actions';

const NOW = Date.parse('2024-05-01T10:00:00Z');
const view = (over: Partial<StorageView> = {}): StorageView => ({ claims: [], volumes: [], classes: [], pods: [], ...over });
/** The actions in a readable form: `event Normal WaitForFirstConsumer: …`, `claimStatus data Bound`, … */
const summary = (actions: VolumeAction[]) =>
  actions.map((a) => {
    switch (a.type) {
      case 'event':
        return `event ${a.eventType} ${a.reason}: ${a.message}`;
      case 'claimStatus':
        return `claimStatus ${a.claim.metadata.name} ${a.status.phase}`;
      case 'volumeStatus':
        return `volumeStatus ${a.volume.metadata.name} ${a.status.phase}`;
      case 'updateClaim':
        return `updateClaim ${a.claim.metadata.name}`;
      case 'updateVolume':
        return `updateVolume ${a.volume.metadata.name}`;
      case 'createVolume':
        return `createVolume ${a.volume.metadata.name}`;
      case 'deleteVolume':
        return `deleteVolume ${a.volume.metadata.name}`;
    }
  });
const usingClaim = (name: string, node?: string): Pod => {
  const p = makePod('web').build();
  return { ...p, spec: { ...p.spec, ...(node ? { nodeName: node } : {}), volumes: [{ name: 'd', persistentVolumeClaim: { claimName: name } }] } } as Pod;
};
const wffc = aClass('standard', { volumeBindingMode: 'WaitForFirstConsumer', metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } as never });

describe('PV controller: an unbound claim', () => {
  it('given a fitting Available PV, binds the smallest: PV claimRef and Bound, claim volumeName, annotations and Bound with the PV capacity', () => {
    const claim = aClaim('data', { spec: { storageClassName: '' } });
    const actions = syncClaim(claim, view({ volumes: [aVolume('big', { spec: { capacity: { storage: '10Gi' } } }), aVolume('pv5')] }), NOW);
    expect(summary(actions)).toEqual(['updateVolume pv5', 'volumeStatus pv5 Bound', 'updateClaim data', 'claimStatus data Bound']);
    const [pv, , pvc, status] = actions as [Extract<VolumeAction, { type: 'updateVolume' }>, unknown, Extract<VolumeAction, { type: 'updateClaim' }>, Extract<VolumeAction, { type: 'claimStatus' }>];
    expect(pv.volume.spec.claimRef).toMatchObject({ namespace: 'default', name: 'data', uid: 'uid-data' });
    expect(pv.volume.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(pvc.claim.spec.volumeName).toBe('pv5');
    expect(pvc.claim.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes', 'pv.kubernetes.io/bind-completed': 'yes' });
    expect(status.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } });
  });

  it.each<[string, PersistentVolumeClaim, Partial<StorageView>, string[]]>([
    ['no class and nothing matches: FailedBinding', aClaim('data', { spec: { storageClassName: '' } }), { volumes: [aVolume('small', { spec: { capacity: { storage: '500Mi' } } })] }, ['event Normal FailedBinding: no persistent volumes available for this claim and no storage class is set']],
    ['a PV of another class does not match', aClaim('data', { spec: { storageClassName: '' } }), { volumes: [aVolume('pv', { spec: { storageClassName: 'manual' } })] }, ['event Normal FailedBinding: no persistent volumes available for this claim and no storage class is set']],
    ['a selector the PV labels miss', aClaim('data', { spec: { storageClassName: '', selector: { matchLabels: { tier: 'db' } } } }), { volumes: [aVolume('pv')] }, ['event Normal FailedBinding: no persistent volumes available for this claim and no storage class is set']],
    ['WaitForFirstConsumer, no pod yet', aClaim('data', { spec: { storageClassName: 'standard' } }), { classes: [wffc] }, ['event Normal WaitForFirstConsumer: waiting for first consumer to be created before binding']],
    ['WaitForFirstConsumer, a pod not scheduled yet', aClaim('data', { spec: { storageClassName: 'standard' } }), { classes: [wffc], pods: [usingClaim('data')] }, ['event Normal WaitForPodScheduled: waiting for pod web to be scheduled']],
    [
      'WaitForFirstConsumer with a selected node: handed to the provisioner',
      aClaim('data', { metadata: { annotations: { 'volume.kubernetes.io/selected-node': 'node-1' } }, spec: { storageClassName: 'standard' } }),
      { classes: [wffc] },
      ['updateClaim data', "event Normal ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'kubesim.io/hostpath' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."],
    ],
    ['volumeName naming a missing PV: Pending, no event', aClaim('data', { spec: { volumeName: 'nope' }, status: { phase: '' } }), {}, ['claimStatus data Pending']],
    ['volumeName naming a too small PV', aClaim('data', { spec: { volumeName: 'pv', storageClassName: '', resources: { requests: { storage: '10Gi' } } } }), { volumes: [aVolume('pv')] }, ['event Warning VolumeMismatch: Cannot bind to requested volume "pv": requested PV is too small']],
    [
      'volumeName naming a PV bound elsewhere',
      aClaim('data', { spec: { volumeName: 'pv', storageClassName: '' } }),
      { volumes: [aVolume('pv', { spec: { claimRef: { namespace: 'default', name: 'other', uid: 'uid-other' } } })] },
      ['event Warning FailedBinding: volume "pv" already bound to a different claim.'],
    ],
    ['no class set (nil) and a default class appears: retroactively assigned', aClaim('data', { spec: { storageClassName: undefined } }), { classes: [wffc] }, ['updateClaim data']],
  ])('%s', (_name, claim, v, want) => {
    expect(summary(syncClaim(claim, view(v), NOW))).toEqual(want);
  });

  it('an Immediate class: the claim is annotated for its provisioner, which then creates pvc-<uid> pre-bound to it', () => {
    const fast = aClass('fast');
    const claim = aClaim('data', { spec: { storageClassName: 'fast', resources: { requests: { storage: '3Gi' } } } });
    const [annotate] = syncClaim(claim, view({ classes: [fast] }), NOW) as Extract<VolumeAction, { type: 'updateClaim' }>[];
    expect(annotate.claim.metadata.annotations).toEqual({ 'volume.beta.kubernetes.io/storage-provisioner': 'kubesim.io/hostpath', 'volume.kubernetes.io/storage-provisioner': 'kubesim.io/hostpath' });
    const actions = provisionClaim(annotate.claim, view({ classes: [fast] }));
    expect(summary(actions)).toEqual(['event Normal Provisioning: External provisioner is provisioning volume for claim "default/data"', 'createVolume pvc-uid-data', 'event Normal ProvisioningSucceeded: Successfully provisioned volume pvc-uid-data']);
    const pv = (actions[1] as Extract<VolumeAction, { type: 'createVolume' }>).volume;
    expect(pv.metadata.annotations).toEqual({ 'pv.kubernetes.io/provisioned-by': 'kubesim.io/hostpath' });
    expect(pv.spec).toMatchObject({ capacity: { storage: '3Gi' }, persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'fast', claimRef: { name: 'data', uid: 'uid-data' } });
    expect(pv.spec.nodeAffinity).toBeUndefined();
  });

  it('WaitForFirstConsumer: the provisioner waits for the selected node and pins the PV to it', () => {
    const claim = aClaim('data', { metadata: { annotations: { 'volume.kubernetes.io/storage-provisioner': 'kubesim.io/hostpath' } }, spec: { storageClassName: 'standard' } });
    expect(provisionClaim(claim, view({ classes: [wffc] }))).toEqual([]);
    const selected = { ...claim, metadata: { ...claim.metadata, annotations: { ...claim.metadata.annotations, 'volume.kubernetes.io/selected-node': 'node-2' } } };
    const pv = (provisionClaim(selected, view({ classes: [wffc] }))[1] as Extract<VolumeAction, { type: 'createVolume' }>).volume;
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions).toEqual([{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] }]);
  });

  it('a PV pre-bound by the provisioner is bound even with WaitForFirstConsumer', () => {
    const claim = aClaim('data', { spec: { storageClassName: 'standard' } });
    const pv = aVolume('pvc-uid-data', { spec: { storageClassName: 'standard', claimRef: { namespace: 'default', name: 'data', uid: 'uid-data' } }, status: { phase: 'Pending' } });
    expect(summary(syncClaim(claim, view({ classes: [wffc], volumes: [pv] }), NOW))).toEqual(['volumeStatus pvc-uid-data Bound', 'updateClaim data', 'claimStatus data Bound']);
  });
});

describe('PV controller: a bound claim', () => {
  const bound = aClaim('data', { metadata: { annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } }, spec: { volumeName: 'pv' }, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } } });
  it('whose PV is gone is Lost, with ClaimLost once', () => {
    expect(summary(syncClaim(bound, view(), NOW))).toEqual(['event Warning ClaimLost: Bound claim has lost its PersistentVolume. Data on the volume is lost!', 'claimStatus data Lost']);
    expect(summary(syncClaim({ ...bound, status: { phase: 'Lost' } }, view(), NOW))).toEqual([]);
  });
  it('whose PV points at another claim is misbound', () => {
    const pv = aVolume('pv', { spec: { claimRef: { namespace: 'default', name: 'data', uid: 'someone-else' } } });
    expect(summary(syncClaim(bound, view({ volumes: [pv] }), NOW))).toEqual(['event Warning ClaimMisbound: Two claims are bound to the same volume, this one is bound incorrectly', 'claimStatus data Lost']);
  });
  it('in place: nothing to do', () => {
    const pv = aVolume('pv', { spec: { claimRef: { namespace: 'default', name: 'data', uid: 'uid-data' } }, status: { phase: 'Bound' } });
    expect(syncClaim(bound, view({ volumes: [pv] }), NOW)).toEqual([]);
  });
});

describe('PV controller: a volume', () => {
  const ref = { namespace: 'default', name: 'data', uid: 'uid-data' };
  it.each<[string, ReturnType<typeof aVolume>, string[]]>([
    ['a new PV without claim becomes Available', aVolume('pv', { status: { phase: 'Pending' } }), ['volumeStatus pv Available']],
    ['claim deleted, Retain: Released and kept', aVolume('pv', { spec: { claimRef: ref }, status: { phase: 'Bound' } }), ['volumeStatus pv Released']],
    ['claim deleted, Recycle: scrubbed back to Available', aVolume('pv', { spec: { claimRef: ref, persistentVolumeReclaimPolicy: 'Recycle' }, status: { phase: 'Released' } }), ['updateVolume pv', 'volumeStatus pv Available', 'event Normal VolumeRecycled: Volume recycled']],
    [
      'claim deleted, Delete, no provisioner owns it: Failed',
      aVolume('pv', { spec: { claimRef: ref, persistentVolumeReclaimPolicy: 'Delete' }, status: { phase: 'Released' } }),
      ['event Warning VolumeFailedDelete: error getting deleter volume plugin for volume "pv": no deletable volume plugin matched', 'volumeStatus pv Failed'],
    ],
    ['claim deleted, Delete, provisioned: Released, for the provisioner to delete', aVolume('pv', { metadata: { annotations: { 'pv.kubernetes.io/provisioned-by': 'kubesim.io/hostpath' } }, spec: { claimRef: ref, persistentVolumeReclaimPolicy: 'Delete' }, status: { phase: 'Bound' } }), ['volumeStatus pv Released']],
    ['an admin removed the claimRef of a Released PV: Available again', aVolume('pv', { status: { phase: 'Released' } }), ['volumeStatus pv Available']],
  ])('%s', (_name, pv, want) => {
    expect(summary(syncVolume(pv, view(), NOW))).toEqual(want);
  });

  it('a Released PV keeps the old claim UID: a new claim of the same name does not rebind it', () => {
    const pv = aVolume('pv', { spec: { claimRef: ref }, status: { phase: 'Released' } });
    const newClaim = aClaim('data', { metadata: { uid: 'uid-new' }, spec: { storageClassName: '' } });
    expect(syncVolume(pv, view({ claims: [newClaim] }), NOW)).toEqual([]);
    expect(summary(syncClaim(newClaim, view({ volumes: [pv] }), NOW))).toEqual(['event Normal FailedBinding: no persistent volumes available for this claim and no storage class is set']);
  });

  it("the provisioner deletes its own Released Delete volumes, and no one else's", () => {
    const mine = aVolume('pvc-1', { metadata: { annotations: { 'pv.kubernetes.io/provisioned-by': 'kubesim.io/hostpath' } }, spec: { persistentVolumeReclaimPolicy: 'Delete' }, status: { phase: 'Released' } });
    expect(summary(deleteReleasedVolume(mine))).toEqual(['deleteVolume pvc-1']);
    expect(deleteReleasedVolume({ ...mine, spec: { ...mine.spec, persistentVolumeReclaimPolicy: 'Retain' } })).toEqual([]);
    expect(deleteReleasedVolume({ ...mine, metadata: { ...mine.metadata, annotations: {} } })).toEqual([]);
  });
});

describe('protection', () => {
  const deleting = aClaim('data', { metadata: { deletionTimestamp: '2024-05-01T10:00:00Z', finalizers: ['kubernetes.io/pvc-protection'] } });
  it('a claim being deleted keeps its finalizer while a scheduled pod uses it', () => {
    expect(protectClaim(deleting, [usingClaim('data', 'node-1')])).toEqual([]);
  });
  it('and loses it once no scheduled pod does (an unscheduled one does not count)', () => {
    const [a] = protectClaim(deleting, [usingClaim('data')]) as Extract<VolumeAction, { type: 'updateClaim' }>[];
    expect(a.claim.metadata.finalizers).toEqual([]);
  });
  it('a volume being deleted keeps pv-protection while Bound', () => {
    const pv = aVolume('pv', { metadata: { deletionTimestamp: '2024-05-01T10:00:00Z', finalizers: ['kubernetes.io/pv-protection'] }, status: { phase: 'Bound' } });
    expect(protectVolume(pv)).toEqual([]);
    expect(summary(protectVolume({ ...pv, status: { phase: 'Released' } }))).toEqual(['updateVolume pv']);
  });
});

describe('expansion', () => {
  const ref = { namespace: 'default', name: 'data', uid: 'uid-data' };
  const pv = aVolume('pvc-uid-data', { metadata: { annotations: { 'pv.kubernetes.io/provisioned-by': 'kubesim.io/hostpath' } }, spec: { capacity: { storage: '1Gi' }, storageClassName: 'ex', claimRef: ref }, status: { phase: 'Bound' } });
  const grown = aClaim('data', { metadata: { annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } }, spec: { volumeName: 'pvc-uid-data', storageClassName: 'ex', resources: { requests: { storage: '2Gi' } } }, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } });
  it('a bound claim asking for more, in a class allowing expansion: the PV grows, then the claim status follows', () => {
    const actions = resizeClaim(grown, view({ volumes: [pv], classes: [aClass('ex', { allowVolumeExpansion: true })] }));
    expect(summary(actions)).toEqual(['event Normal Resizing: External resizer is resizing volume pvc-uid-data', 'updateVolume pvc-uid-data', 'event Normal VolumeResizeSuccessful: Resize volume succeeded']);
    const bigger = (actions[1] as Extract<VolumeAction, { type: 'updateVolume' }>).volume;
    const [status] = syncClaim(grown, view({ volumes: [bigger] }), NOW) as Extract<VolumeAction, { type: 'claimStatus' }>[];
    expect(status.status.capacity).toEqual({ storage: '2Gi' });
  });
  it('not without allowVolumeExpansion', () => {
    expect(resizeClaim(grown, view({ volumes: [pv], classes: [aClass('ex')] }))).toEqual([]);
  });
});
