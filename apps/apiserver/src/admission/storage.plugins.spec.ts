import type { KubeObject } from '@kubesim/api';
import type { Attributes } from './admission';
import { SPEC_ADMISSION, viewOf } from './admission.fixtures';
import { defaultStorageClass } from './default-storage-class.plugin';
import { persistentVolumeClaimResize } from './persistent-volume-claim-resize.plugin';
import { storageObjectInUseProtection } from './storage-object-in-use-protection.plugin';

const meta = (name: string, over: Record<string, unknown> = {}) => ({ name, uid: `uid-${name}`, resourceVersion: '', creationTimestamp: '2024-01-01T00:00:00Z', ...over });
const aClaim = (name: string) =>
  ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { ...meta(name), namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } }) as Record<string, any>;
const aVolume = (name: string) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta(name), spec: { capacity: { storage: '1Gi' }, hostPath: { path: '/x' } }, status: { phase: 'Pending' } });
const aClass = (name: string, over: { metadata?: Record<string, unknown> } = {}) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta(name, over.metadata), provisioner: 'kubesim.io/hostpath' });

const attrs = (operation: 'CREATE' | 'UPDATE', object: Record<string, any>, old?: KubeObject): Attributes => ({
  operation,
  kind: object.kind,
  resource: object.kind === 'PersistentVolume' ? 'persistentvolumes' : 'persistentvolumeclaims',
  group: '',
  namespace: object.kind === 'PersistentVolume' ? '' : 'default',
  object,
  old,
});
const noClass = () => {
  const c = aClaim('data') as Record<string, any>;
  delete c.spec.storageClassName;
  return c;
};
const defaultClass = (name: string, at: string) => aClass(name, { metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' }, creationTimestamp: at } as never }) as unknown as KubeObject;
const admit = (object: Record<string, any>, ...objects: KubeObject[]) => storageObjectInUseProtection.admit(attrs('CREATE', object), viewOf(...objects), SPEC_ADMISSION);

describe('DefaultStorageClass', () => {
  const run = (object: Record<string, any>, ...classes: KubeObject[]) => defaultStorageClass.admit(attrs('CREATE', object), viewOf(...classes), SPEC_ADMISSION);

  it('a claim with no class gets the default one', () => {
    expect(run(noClass(), defaultClass('standard', '2024-01-01T00:00:00Z'), aClass('fast') as unknown as KubeObject).spec.storageClassName).toBe('standard');
  });
  it('of two default classes the newest wins', () => {
    expect(run(noClass(), defaultClass('old', '2024-01-01T00:00:00Z'), defaultClass('new', '2024-02-01T00:00:00Z')).spec.storageClassName).toBe('new');
  });
  it('storageClassName "" is an explicit no-class: left alone', () => {
    expect(run({ ...aClaim('data'), spec: { ...aClaim('data').spec, storageClassName: '' } }, defaultClass('standard', '2024-01-01T00:00:00Z')).spec.storageClassName).toBe('');
  });
  it('no default class: the claim stays without one', () => {
    expect(run(noClass()).spec.storageClassName).toBeUndefined();
  });
});

describe('StorageObjectInUseProtection', () => {
  it('a new claim gets pvc-protection, a new volume pv-protection', () => {
    expect(admit(noClass()).metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(admit(aVolume('pv1') as Record<string, any>).metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });
});

describe('PersistentVolumeClaimResize', () => {
  const grown = (c: Record<string, any>) => ({ ...c, spec: { ...c.spec, resources: { requests: { storage: '2Gi' } } } });
  const claim = (cls: string) => ({ ...aClaim('data'), spec: { ...aClaim('data').spec, storageClassName: cls } }) as unknown as KubeObject;

  it("refuses a larger request when the claim's class does not allow expansion: 403", () => {
    const c = claim('standard');
    expect(() => persistentVolumeClaimResize.validate(attrs('UPDATE', grown(c), c), viewOf(aClass('standard') as unknown as KubeObject), SPEC_ADMISSION)).toThrow(
      'persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
  });
  it('accepts it when the class has allowVolumeExpansion', () => {
    const c = claim('expandable');
    const expandable = { ...aClass('expandable'), allowVolumeExpansion: true } as unknown as KubeObject;
    expect(() => persistentVolumeClaimResize.validate(attrs('UPDATE', grown(c), c), viewOf(expandable), SPEC_ADMISSION)).not.toThrow();
  });
});
