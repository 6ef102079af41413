import { persistentVolumeClaimStrategy as pvc, persistentVolumeStrategy as pv, storageClassStrategy as sc } from './storage-strategies';

type Obj = Record<string, any>;
/** The causes as kubectl prints them: `<field>: <message>`. */
const causes = (s: typeof pvc, o: Obj, old?: Obj) => (s.validate?.(s.prepare ? s.prepare(o, old) : o, old) ?? []).map((c) => `${c.field}: ${c.message}`);
const claim = (spec: Obj = {}) => ({ metadata: { name: 'c' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } });
const volume = (spec: Obj = {}) => ({ metadata: { name: 'v' }, spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, hostPath: { path: '/mnt/data' }, ...spec } });

describe('StorageClass strategy', () => {
  it('defaults reclaimPolicy Delete and volumeBindingMode Immediate', () => {
    expect(sc.prepare!({ provisioner: 'p' })).toEqual({ provisioner: 'p', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  });
  it.each<[string, Obj, Obj | undefined, string[]]>([
    ['a provisioner is required', {}, undefined, ['provisioner: Required value']],
    ['an unknown reclaim policy', { provisioner: 'p', reclaimPolicy: 'Recycle' }, undefined, ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']],
    ['an unknown binding mode', { provisioner: 'p', volumeBindingMode: 'Later' }, undefined, ['volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"']],
    ['parameters are immutable', { provisioner: 'p', parameters: { a: '2' } }, { provisioner: 'p', parameters: { a: '1' }, reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' }, ['parameters: Forbidden: updates to parameters are forbidden.']],
    ['provisioner and reclaimPolicy are immutable', { provisioner: 'q', reclaimPolicy: 'Retain' }, { provisioner: 'p', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' }, ['provisioner: Forbidden: updates to provisioner are forbidden.', 'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.']],
    ['volumeBindingMode is immutable', { provisioner: 'p', volumeBindingMode: 'WaitForFirstConsumer' }, { provisioner: 'p', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' }, ['volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable']],
    ['allowVolumeExpansion may change', { provisioner: 'p', allowVolumeExpansion: true }, { provisioner: 'p', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' }, []],
  ])('%s', (_n, o, old, want) => {
    expect(causes(sc, o, old)).toEqual(want);
  });
});

describe('PersistentVolume strategy', () => {
  it('defaults Retain, Filesystem and starts Pending', () => {
    expect(pv.prepare!(volume()).spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(pv.initialStatus!({})).toEqual({ phase: 'Pending' });
  });
  it.each<[string, Obj, Obj | undefined, string[]]>([
    ['a valid hostPath PV', volume(), undefined, []],
    ['access modes and capacity are required', volume({ accessModes: undefined, capacity: undefined }), undefined, ['spec.accessModes: Required value', 'spec.capacity: Required value']],
    ['an unknown access mode', volume({ accessModes: ['ReadWriteSometimes'] }), undefined, ['spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"']],
    ['ReadWriteOncePod alone only', volume({ accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'] }), undefined, ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes']],
    ['capacity is storage only', volume({ capacity: { storage: '1Gi', cpu: '1' } }), undefined, ['spec.capacity: Unsupported value: {"storage":"1Gi","cpu":"1"}: supported values: "storage"']],
    ['a volume source is required', volume({ hostPath: undefined }), undefined, ['spec: Required value: must specify a volume type']],
    ['one volume source only', volume({ nfs: { server: 's', path: '/' } }), undefined, ['spec.nfs: Forbidden: may not specify more than 1 volume type']],
    ['an unknown reclaim policy', volume({ persistentVolumeReclaimPolicy: 'Keep' }), undefined, ['spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"']],
    ['the source is immutable', volume({ hostPath: { path: '/other' } }), volume(), ['spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation']],
    ['claimRef may change (binding)', volume({ claimRef: { namespace: 'default', name: 'c' } }), volume(), []],
  ])('%s', (_n, o, old, want) => {
    expect(causes(pv, o, old && pv.prepare!(old))).toEqual(want);
  });
});

describe('PersistentVolumeClaim strategy', () => {
  it('defaults Filesystem and starts Pending', () => {
    expect(pvc.prepare!(claim()).spec.volumeMode).toBe('Filesystem');
    expect(pvc.initialStatus!({})).toEqual({ phase: 'Pending' });
  });
  const bound = { ...claim({ volumeName: 'pv', storageClassName: 'standard', volumeMode: 'Filesystem' }), status: { phase: 'Bound' } };
  it.each<[string, Obj, Obj | undefined, string[]]>([
    ['a valid claim', claim(), undefined, []],
    ['access modes and a storage request are required', { metadata: { name: 'c' }, spec: {} }, undefined, ['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value']],
    ['a zero request', claim({ resources: { requests: { storage: '0' } } }), undefined, ['spec.resources[storage]: Invalid value: "0": must be greater than zero']],
    ['a bad class name', claim({ storageClassName: 'Fast_SSD' }), undefined, [expect.stringMatching(/^spec.storageClassName: Invalid value: "Fast_SSD": a lowercase RFC 1123 subdomain/) as unknown as string]],
    ['an unknown volume mode', claim({ volumeMode: 'Tape' }), undefined, ['spec.volumeMode: Unsupported value: "Tape": supported values: "Block", "Filesystem"']],
    ['binding sets volumeName once', claim({ volumeName: 'pv', volumeMode: 'Filesystem' }), claim({ volumeMode: 'Filesystem' }), []],
    ['a nil class may be set once (retroactive default)', claim({ storageClassName: 'standard', volumeMode: 'Filesystem' }), claim({ volumeMode: 'Filesystem' }), []],
    ['the spec is otherwise immutable', claim({ accessModes: ['ReadWriteMany'], volumeName: 'pv', storageClassName: 'standard' }), bound, ['spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims']],
    ['a bound claim may grow', { ...claim({ volumeName: 'pv', storageClassName: 'standard', resources: { requests: { storage: '2Gi' } } }) }, bound, []],
    ['an unbound claim may not', claim({ resources: { requests: { storage: '2Gi' } }, volumeMode: 'Filesystem' }), claim({ volumeMode: 'Filesystem' }), ['spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims']],
    ['nor shrink', { ...claim({ volumeName: 'pv', storageClassName: 'standard', resources: { requests: { storage: '500Mi' } } }) }, bound, ['spec.resources.requests.storage: Forbidden: field can not be less than previous value']],
  ])('%s', (_n, o, old, want) => {
    expect(causes(pvc, o, old)).toEqual(want);
  });
});
