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

  it("propagationPolicy Orphan: not deleted but marked, with the `orphan` finalizer (the garbage collector frees its dependents, then drops it)", () => {
    const owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { ...meta('web'), namespace: 'default' }, spec: {}, status: {} } as unknown as GenericObject;
    given(namespaceCreated(), created(owner))
      .when({ type: 'DeleteObject', kind: 'StatefulSet', namespace: 'default', name: 'web', orphanDependents: true })
      .then([{ type: 'ObjectUpdated', object: { metadata: { name: 'web', finalizers: ['orphan'], deletionTimestamp: '2024-05-01T10:00:00Z' } } }]);
  });

  it('propagationPolicy Foreground: marked with the `foregroundDeletion` finalizer (the garbage collector deletes its dependents first, then drops it)', () => {
    const owner = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { ...meta('web'), namespace: 'default' }, spec: {}, status: {} } as unknown as GenericObject;
    given(namespaceCreated(), created(owner))
      .when({ type: 'DeleteObject', kind: 'Deployment', namespace: 'default', name: 'web', foreground: true })
      .then([{ type: 'ObjectUpdated', object: { metadata: { name: 'web', finalizers: ['foregroundDeletion'], deletionTimestamp: '2024-05-01T10:00:00Z' } } }]);
  });
});
