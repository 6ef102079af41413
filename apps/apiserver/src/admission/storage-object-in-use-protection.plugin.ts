import { withProtectionFinalizer, type PersistentVolume, type PersistentVolumeClaim } from '@kubesim/api';
import type { MutatingPlugin } from './admission';

/**
 * StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection): new
 * claims get `kubernetes.io/pvc-protection`, new volumes `kubernetes.io/pv-protection`.
 */
export const storageObjectInUseProtection: MutatingPlugin = {
  name: 'StorageObjectInUseProtection',
  admit(a) {
    if (a.operation !== 'CREATE' || (a.kind !== 'PersistentVolumeClaim' && a.kind !== 'PersistentVolume')) return a.object;
    return withProtectionFinalizer(a.object as PersistentVolume | PersistentVolumeClaim);
  },
};
