import type { KubeObject } from '@kubesim/api';
import { AGE_DESCRIPTION, column, NAME_DESCRIPTION, type Columns } from './columns';
import { humanDurationSince } from './human-duration';

type Obj = KubeObject & Record<string, any>;
const ACCESS_MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
/** helper.GetAccessModesAsString: the short forms in upstream's fixed order. */
export function accessModes(modes: unknown): string {
  const set = new Set(Array.isArray(modes) ? modes : []);
  return Object.keys(ACCESS_MODES).filter((m) => set.has(m)).map((m) => ACCESS_MODES[m]).join(',');
}
const storageClassOf = (o: Obj) => o.spec?.storageClassName ?? o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
const unset = (v: unknown) => (typeof v === 'string' && v ? v : '<unset>');

/** `kubectl get pv`. */
export const persistentVolumeColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Capacity', 'capacity is the description of the persistent volume\'s resources and capacity.'),
  column('Access Modes', 'accessModes contains all ways the volume can be mounted.'),
  column('Reclaim Policy', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'),
  column('Status', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
  column('Claim', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'),
  column('StorageClass', 'storageClassName is the name of StorageClass to which this persistent volume belongs.'),
  column('VolumeAttributesClass', 'Name of VolumeAttributesClass to which this persistent volume belongs.'),
  column('Reason', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'),
  column('Age', AGE_DESCRIPTION),
  column('VolumeMode', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.', { priority: 1 }),
];
export function persistentVolumeRow(o: Obj, now: number): string[] {
  const claim = o.spec?.claimRef ? `${o.spec.claimRef.namespace}/${o.spec.claimRef.name}` : '';
  const phase = o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? '');
  return [
    o.metadata.name,
    String(o.spec?.capacity?.storage ?? ''),
    accessModes(o.spec?.accessModes),
    o.spec?.persistentVolumeReclaimPolicy ?? '',
    phase,
    claim,
    storageClassOf(o),
    unset(o.spec?.volumeAttributesClassName),
    o.status?.reason ?? '',
    humanDurationSince(o.metadata.creationTimestamp, now),
    unset(o.spec?.volumeMode),
  ];
}

/** `kubectl get pvc`. */
export const persistentVolumeClaimColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Status', 'phase represents the current phase of PersistentVolumeClaim.'),
  column('Volume', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
  column('Capacity', 'capacity represents the actual resources of the underlying volume.'),
  column('Access Modes', 'accessModes contains the desired access modes the volume should have.'),
  column('StorageClass', 'storageClassName is the name of the StorageClass required by the claim.'),
  column('VolumeAttributesClass', 'volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim.'),
  column('Age', AGE_DESCRIPTION),
  column('VolumeMode', 'volumeMode defines what type of volume is required by the claim.', { priority: 1 }),
];
export function persistentVolumeClaimRow(o: Obj, now: number): string[] {
  const phase = o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? '');
  const bound = Boolean(o.spec?.volumeName);
  return [
    o.metadata.name,
    phase,
    o.spec?.volumeName ?? '',
    bound ? String(o.status?.capacity?.storage ?? '') : '',
    bound ? accessModes(o.status?.accessModes) : '',
    storageClassOf(o),
    unset(o.spec?.volumeAttributesClassName),
    humanDurationSince(o.metadata.creationTimestamp, now),
    unset(o.spec?.volumeMode),
  ];
}

/** `kubectl get storageclasses`; the default class's name carries ` (default)`. */
export const storageClassColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Provisioner', 'provisioner indicates the type of the provisioner.'),
  column('ReclaimPolicy', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.'),
  column('VolumeBindingMode', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.'),
  column('AllowVolumeExpansion', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
  column('Age', AGE_DESCRIPTION),
];
export function storageClassRow(o: Obj, now: number): string[] {
  const a = o.metadata.annotations ?? {};
  const isDefault = a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  return [
    isDefault ? `${o.metadata.name} (default)` : o.metadata.name,
    o.provisioner ?? '',
    o.reclaimPolicy ?? 'Delete',
    o.volumeBindingMode ?? 'Immediate',
    String(Boolean(o.allowVolumeExpansion)),
    humanDurationSince(o.metadata.creationTimestamp, now),
  ];
}
