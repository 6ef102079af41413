import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '@kubesim/api';

const CREATED = '2024-01-01T00:00:00Z';
type Over<T> = { metadata?: Partial<T extends { metadata: infer M } ? M : never>; spec?: Record<string, unknown>; status?: Record<string, unknown> } & Record<string, unknown>;

/** A claim `name` in `default`: 1Gi, ReadWriteOnce, Filesystem, Pending; `over` is merged one level deep. */
export function aClaim(name: string, over: Over<PersistentVolumeClaim> = {}): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    ...over,
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: CREATED, ...over.metadata },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem', ...over.spec },
    status: { phase: 'Pending', ...over.status },
  };
}

/** A volume `name`: 5Gi, ReadWriteOnce, Retain, Filesystem, hostPath, Available. */
export function aVolume(name: string, over: Over<PersistentVolume> = {}): PersistentVolume {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    ...over,
    metadata: { name, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: CREATED, ...over.metadata },
    spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem', hostPath: { path: `/mnt/${name}` }, ...over.spec },
    status: { phase: 'Available', ...over.status },
  };
}

/** A StorageClass `name` with kubesim's provisioner. */
export function aClass(name: string, over: Partial<StorageClass> = {}): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    provisioner: 'kubesim.io/hostpath',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    ...over,
    metadata: { name, uid: `uid-sc-${name}`, resourceVersion: '1', creationTimestamp: CREATED, ...over.metadata },
  };
}
