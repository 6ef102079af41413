import { withDefaultStorageClass, type PersistentVolumeClaim, type StorageClass } from '@kubesim/api';
import type { MutatingPlugin } from './admission';

/**
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a new claim that names
 * no class gets the default one (the newest of several); `storageClassName: ""` means none and stays.
 */
export const defaultStorageClass: MutatingPlugin = {
  name: 'DefaultStorageClass',
  admit(a, view) {
    if (a.operation !== 'CREATE' || a.kind !== 'PersistentVolumeClaim') return a.object;
    return withDefaultStorageClass(a.object as PersistentVolumeClaim, view.list('StorageClass') as Iterable<StorageClass>);
  },
};
