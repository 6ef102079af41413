import type { GenericObject } from '@kubesim/api';
import { given, namespaceCreated } from '@kubesim/testing';
import type { ClusterEvent } from './events';

const meta = (name: string, over: Record<string, unknown> = {}) => ({ name, uid: `uid-${name}`, resourceVersion: '', creationTimestamp: '2024-01-01T00:00:00Z', ...over });
const aClaim = (name: string, over: { metadata?: Record<string, unknown>; spec?: Record<string, unknown> } = {}) =>
  ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { ...meta(name, over.metadata), namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...over.spec }, status: { phase: 'Pending' } }) as GenericObject;
const aVolume = (name: string) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta(name), spec: { capacity: { storage: '1Gi' }, hostPath: { path: '/x' } }, status: { phase: 'Pending' } }) as GenericObject;
const aClass = (name: string, over: { metadata?: Record<string, unknown> } = {}) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta(name, over.metadata), provisioner: 'kubesim.io/hostpath' }) as GenericObject;
const created = (object: GenericObject): ClusterEvent[] => [{ at: '2024-05-01T09:00:00Z', by: 'spec', type: 'ObjectCreated', object }];
const claim = (over: Parameters<typeof aClaim>[1] = {}) => aClaim('data', over);

describe('finalizers of generically stored objects', () => {
  it('an object with finalizers is not deleted but marked: deletionTimestamp now, grace 0', () => {
    given(namespaceCreated(), created(claim({ metadata: { finalizers: ['kubernetes.io/pvc-protection'] } })))
      .when({ type: 'DeleteObject', kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' })
      .then([{ type: 'ObjectUpdated', object: { metadata: { name: 'data', deletionTimestamp: '2024-05-01T10:00:00Z', deletionGracePeriodSeconds: 0, finalizers: ['kubernetes.io/pvc-protection'] } } }]);
  });

  it('deleting it again changes nothing', () => {
    given(namespaceCreated(), created(claim({ metadata: { finalizers: ['x'], deletionTimestamp: '2024-05-01T09:30:00Z' } })))
      .when({ type: 'DeleteObject', kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' })
      .then([]);
  });

  it('an update removing the last finalizer of a marked object deletes it', () => {
    const marked = claim({ metadata: { finalizers: ['kubernetes.io/pvc-protection'], deletionTimestamp: '2024-05-01T09:30:00Z' } });
    given(namespaceCreated(), created(marked))
      .when({ type: 'UpdateObject', object: { ...marked, metadata: { ...marked.metadata, finalizers: [] } } as GenericObject })
      .then([{ type: 'ObjectDeleted', kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' }]);
  });

  it('an update of a marked object keeps its deletionTimestamp', () => {
    const marked = claim({ metadata: { finalizers: ['a'], deletionTimestamp: '2024-05-01T09:30:00Z' } });
    const { deletionTimestamp: _d, ...meta } = marked.metadata;
    given(namespaceCreated(), created(marked))
      .when({ type: 'UpdateObject', object: { ...marked, metadata: { ...meta, labels: { x: 'y' } } } as GenericObject })
      .then([{ type: 'ObjectUpdated', object: { metadata: { deletionTimestamp: '2024-05-01T09:30:00Z', labels: { x: 'y' } } } }]);
  });

  it('without finalizers the object goes at once', () => {
    given(namespaceCreated(), created(claim()))
      .when({ type: 'DeleteObject', kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' })
      .then([{ type: 'ObjectDeleted', name: 'data' }]);
  });
});

describe('storage admission on create', () => {
  const noClass = () => {
    const c = claim();
    delete c.spec.storageClassName;
    return c;
  };
  const defaultClass = (name: string, at: string) => aClass(name, { metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' }, creationTimestamp: at } as never }) as GenericObject;

  it('DefaultStorageClass: a claim with no class gets the default one, and pvc-protection', () => {
    given(namespaceCreated(), created(defaultClass('standard', '2024-01-01T00:00:00Z')), created(aClass('fast') as GenericObject))
      .when({ type: 'CreateObject', object: noClass() })
      .then([{ type: 'ObjectCreated', object: { spec: { storageClassName: 'standard' }, metadata: { finalizers: ['kubernetes.io/pvc-protection'] } } }]);
  });

  it('of two default classes the newest wins', () => {
    given(namespaceCreated(), created(defaultClass('old', '2024-01-01T00:00:00Z')), created(defaultClass('new', '2024-02-01T00:00:00Z')))
      .when({ type: 'CreateObject', object: noClass() })
      .then([{ type: 'ObjectCreated', object: { spec: { storageClassName: 'new' } } }]);
  });

  it('storageClassName "" is an explicit no-class: left alone', () => {
    const [e] = given(namespaceCreated(), created(defaultClass('standard', '2024-01-01T00:00:00Z')))
      .when({ type: 'CreateObject', object: claim({ spec: { storageClassName: '' } }) })
      .then([{ type: 'ObjectCreated' }]);
    expect((e as Extract<ClusterEvent, { type: 'ObjectCreated' }>).object.spec.storageClassName).toBe('');
  });

  it('no default class: the claim stays without one', () => {
    const [e] = given(namespaceCreated()).when({ type: 'CreateObject', object: noClass() }).then([{ type: 'ObjectCreated' }]);
    expect((e as Extract<ClusterEvent, { type: 'ObjectCreated' }>).object.spec.storageClassName).toBeUndefined();
  });

  it('a PersistentVolume gets pv-protection', () => {
    given().when({ type: 'CreateObject', object: aVolume('pv1') as GenericObject }).then([{ type: 'ObjectCreated', object: { metadata: { finalizers: ['kubernetes.io/pv-protection'] } } }]);
  });
});

describe('PersistentVolumeClaimResize admission', () => {
  const grown = (c: GenericObject) => ({ ...c, spec: { ...c.spec, resources: { requests: { storage: '2Gi' } } } }) as GenericObject;
  const expandable = { ...aClass('expandable'), allowVolumeExpansion: true } as GenericObject;

  it("refuses a larger request when the claim's class does not allow expansion: 403", () => {
    const c = claim({ spec: { storageClassName: 'standard' } });
    given(namespaceCreated(), created(aClass('standard')), created(c))
      .when({ type: 'UpdateObject', object: grown(c) })
      .thenThrows('Forbidden', 'persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
  });

  it('accepts it when the class has allowVolumeExpansion', () => {
    const c = claim({ spec: { storageClassName: 'expandable' } });
    given(namespaceCreated(), created(expandable), created(c))
      .when({ type: 'UpdateObject', object: grown(c) })
      .then([{ type: 'ObjectUpdated', object: { spec: { resources: { requests: { storage: '2Gi' } } } } }]);
  });
});
