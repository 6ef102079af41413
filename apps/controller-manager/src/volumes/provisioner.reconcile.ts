import {
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  capacityBytes,
  claimClass,
  isVolumeBoundToClaim,
  requestedBytes,
  DEFAULT_PROVISIONER,
  type PersistentVolume,
  type PersistentVolumeClaim,
} from '@kubesim/api';
import { classLookup, event, type StorageView, type VolumeAction } from './volume-actions';

/**
 * The simulated dynamic provisioner (in place of an external CSI provisioner such as kind's
 * local-path): for a claim the PV controller handed to `kubesim.io/hostpath` it creates the PV
 * `pvc-<claim uid>` — the claim's size and access modes, a hostPath directory, pre-bound to the
 * claim, pinned to the selected node for WaitForFirstConsumer — and deletes its Released PVs whose
 * policy is Delete.
 */
export const PROVISIONER = DEFAULT_PROVISIONER;
export const PROVISIONER_COMPONENT = `${PROVISIONER}_controller-manager`;

export const provisionedName = (c: PersistentVolumeClaim) => `pvc-${c.metadata.uid}`;

/** The directory the volume's data lives in, on its node (as local-path's `<dir>/pvc-<uid>_<ns>_<name>`). */
export const hostPathOf = (c: PersistentVolumeClaim) => `/var/lib/kubesim/pv/pvc-${c.metadata.uid}_${c.metadata.namespace}_${c.metadata.name}`;

export function provisionClaim(c: PersistentVolumeClaim, view: StorageView): VolumeAction[] {
  if (c.metadata.annotations?.[ANN_STORAGE_PROVISIONER] !== PROVISIONER || c.spec?.volumeName || c.metadata.deletionTimestamp) return [];
  const sc = classLookup(view)(claimClass(c));
  if (!sc || sc.provisioner !== PROVISIONER) return [];
  const node = c.metadata.annotations?.[ANN_SELECTED_NODE];
  if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !node) return [];
  if (view.volumes.some((v) => v.metadata.name === provisionedName(c))) return [];
  const key = `${c.metadata.namespace}/${c.metadata.name}`;
  const volume: PersistentVolume = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: provisionedName(c), uid: '', resourceVersion: '', creationTimestamp: '', annotations: { [ANN_DYNAMICALLY_PROVISIONED]: PROVISIONER } },
    spec: {
      capacity: { storage: c.spec.resources.requests.storage },
      accessModes: c.spec.accessModes,
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: c.spec.volumeMode ?? 'Filesystem',
      claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: c.metadata.namespace, name: c.metadata.name, uid: c.metadata.uid, resourceVersion: c.metadata.resourceVersion },
      hostPath: { path: hostPathOf(c), type: 'DirectoryOrCreate' },
      ...(sc.mountOptions ? { mountOptions: sc.mountOptions } : {}),
      ...(node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } } : {}),
    },
  };
  return [
    event(c, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${key}"`, PROVISIONER_COMPONENT),
    { type: 'createVolume', volume },
    event(c, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${volume.metadata.name}`, PROVISIONER_COMPONENT),
  ];
}

/** The Delete reclaim policy of the provisioner's own volumes, once Released. */
export function deleteReleasedVolume(v: PersistentVolume): VolumeAction[] {
  if (v.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== PROVISIONER) return [];
  if (v.spec?.persistentVolumeReclaimPolicy !== 'Delete' || v.status?.phase !== 'Released' || v.metadata.deletionTimestamp) return [];
  return [{ type: 'deleteVolume', volume: v }];
}

/**
 * Expansion (the external-resizer's part, for the provisioner's own volumes): a bound claim asking
 * for more than its PV holds, in a class with `allowVolumeExpansion`, gets the PV grown; the PV
 * controller's next sync copies the new capacity into the claim's status.
 */
export function resizeClaim(c: PersistentVolumeClaim, view: StorageView): VolumeAction[] {
  const v = view.volumes.find((x) => x.metadata.name === c.spec?.volumeName);
  if (!v || v.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== PROVISIONER || !isVolumeBoundToClaim(v, c)) return [];
  if (classLookup(view)(claimClass(c))?.allowVolumeExpansion !== true) return [];
  const wanted = c.spec?.resources?.requests?.storage;
  if (!(requestedBytes(c) > capacityBytes(v))) return [];
  const component = `external-resizer ${PROVISIONER}`;
  return [
    event(c, 'Normal', 'Resizing', `External resizer is resizing volume ${v.metadata.name}`, component),
    { type: 'updateVolume', volume: { ...v, spec: { ...v.spec, capacity: { ...v.spec.capacity, storage: wanted } } } },
    event(c, 'Normal', 'VolumeResizeSuccessful', 'Resize volume succeeded', component),
  ];
}
