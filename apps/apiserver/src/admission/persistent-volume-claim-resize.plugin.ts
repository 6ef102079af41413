import { baseUnits, claimClass, type PersistentVolumeClaim, type StorageClass } from '@kubesim/api';
import { failure, StatusError } from '../http/status';
import type { ValidatingPlugin } from './admission';

/**
 * PersistentVolumeClaimResize (plugin/pkg/admission/storage/persistentvolume/resize): a larger
 * request only for a claim whose class allows expansion, else 403.
 */
export const persistentVolumeClaimResize: ValidatingPlugin = {
  name: 'PersistentVolumeClaimResize',
  validate(a, view) {
    if (a.operation !== 'UPDATE' || a.kind !== 'PersistentVolumeClaim' || !a.old) return;
    const now = a.object.spec?.resources?.requests?.storage;
    const before = (a.old as PersistentVolumeClaim).spec?.resources?.requests?.storage;
    if (now === undefined || before === undefined || !(baseUnits(now) > baseUnits(before))) return;
    const sc = view.get({ kind: 'StorageClass', namespace: '', name: claimClass(a.old as PersistentVolumeClaim) }) as StorageClass | undefined;
    if (sc?.allowVolumeExpansion === true) return;
    const name = a.object.metadata?.name ?? a.old.metadata.name;
    throw new StatusError(
      failure(403, 'Forbidden', `persistentvolumeclaims "${name}" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize`, { name, kind: 'persistentvolumeclaims' }),
    );
  },
};
