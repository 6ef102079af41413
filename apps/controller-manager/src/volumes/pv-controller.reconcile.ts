import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  claimClass,
  defaultClass,
  isDelayBinding,
  isVolumeBoundToClaim,
  podClaimNames,
  rfc3339,
  volumeModeOf,
  type PersistentVolume,
  type PersistentVolumeClaim,
} from '@kubesim/api';
import { findMatchingVolume, volumeMismatch } from '@kubesim/scheduling';
import { classLookup, event, type StorageView, type VolumeAction } from './volume-actions';

/**
 * kube-controller-manager's PV controller (`pv_controller.go` syncClaim / syncVolume), as pure
 * functions of one object and the cluster: the writes to make, in order. Run for every change and
 * every 15 s (`--pvclaimbinder-sync-period`), so its "still waiting" events repeat as upstream's.
 */

function claimStatus(c: PersistentVolumeClaim, phase: 'Pending' | 'Bound' | 'Lost', v?: PersistentVolume): VolumeAction[] {
  const { capacity: _c, accessModes: _a, ...rest } = (c.status ?? {}) as Record<string, unknown>;
  const status = v ? { ...rest, phase, accessModes: v.spec?.accessModes, capacity: v.spec?.capacity } : { ...rest, phase };
  return JSON.stringify(status) === JSON.stringify(c.status ?? {}) ? [] : [{ type: 'claimStatus', claim: c, status }];
}

export function volumePhase(v: PersistentVolume, phase: string, now: number, message?: string): VolumeAction[] {
  if (v.status?.phase === phase && (v.status?.message ?? undefined) === message) return [];
  const { message: _m, reason: _r, ...rest } = (v.status ?? {}) as Record<string, unknown>;
  const changed = v.status?.phase !== phase;
  const status = { ...rest, phase, ...(message ? { message } : {}), ...(changed || !rest.lastPhaseTransitionTime ? { lastPhaseTransitionTime: rfc3339(now) } : {}) };
  return [{ type: 'volumeStatus', volume: v, status }];
}

/** bind(): the PV's claimRef (with UID) and Bound, then the claim's volumeName, annotations and Bound. */
function bind(v: PersistentVolume, c: PersistentVolumeClaim, now: number): VolumeAction[] {
  const out: VolumeAction[] = [];
  let volume = v;
  const ref = v.spec?.claimRef;
  if (!ref || ref.uid !== c.metadata.uid || ref.name !== c.metadata.name || ref.namespace !== c.metadata.namespace) {
    const byController: Record<string, string> = !isVolumeBoundToClaim(v, c) ? { [ANN_BOUND_BY_CONTROLLER]: 'yes' } : {};
    volume = {
      ...v,
      metadata: { ...v.metadata, annotations: { ...v.metadata.annotations, ...byController } },
      spec: { ...v.spec, claimRef: { kind: 'PersistentVolumeClaim', namespace: c.metadata.namespace, name: c.metadata.name, uid: c.metadata.uid, apiVersion: 'v1', resourceVersion: c.metadata.resourceVersion } },
    };
    out.push({ type: 'updateVolume', volume });
  }
  out.push(...volumePhase(volume, 'Bound', now));
  let claim = c;
  if (c.spec?.volumeName !== v.metadata.name || c.metadata.annotations?.[ANN_BIND_COMPLETED] === undefined) {
    const byController: Record<string, string> = c.spec?.volumeName !== v.metadata.name ? { [ANN_BOUND_BY_CONTROLLER]: 'yes' } : {};
    claim = {
      ...c,
      metadata: { ...c.metadata, annotations: { ...c.metadata.annotations, ...byController, [ANN_BIND_COMPLETED]: 'yes' } },
      spec: { ...c.spec, volumeName: v.metadata.name },
    };
    out.push({ type: 'updateClaim', claim });
  }
  out.push(...claimStatus(claim, 'Bound', v));
  return out;
}

/** The pods that use the claim and are not scheduled yet (findNonScheduledPodsByPVC). */
const unscheduledUsers = (c: PersistentVolumeClaim, view: StorageView) =>
  view.pods.filter((p) => p.metadata.namespace === c.metadata.namespace && !p.spec.nodeName && podClaimNames(p).includes(c.metadata.name)).map((p) => p.metadata.name);

/** syncClaim for one PVC. */
export function syncClaim(c: PersistentVolumeClaim, view: StorageView, now: number): VolumeAction[] {
  if (c.metadata.deletionTimestamp && !c.spec?.volumeName) return [];
  // Retroactive default class (GA 1.28): only a nil class, never "".
  if (c.spec?.storageClassName == null && c.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] === undefined && !c.spec?.volumeName) {
    const def = defaultClass(view.classes);
    if (def) return [{ type: 'updateClaim', claim: { ...c, spec: { ...c.spec, storageClassName: def.metadata.name } } }];
  }
  if (c.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined) return syncBoundClaim(c, view, now);
  return syncUnboundClaim(c, view, now);
}

function syncUnboundClaim(c: PersistentVolumeClaim, view: StorageView, now: number): VolumeAction[] {
  const classOf = classLookup(view);
  if (!c.spec?.volumeName) {
    const delayBinding = isDelayBinding(c, classOf);
    const v = findMatchingVolume(c, view.volumes, { delayBinding });
    if (v) return bind(v, c, now);
    const cls = claimClass(c);
    const selectedNode = c.metadata.annotations?.[ANN_SELECTED_NODE];
    if (delayBinding && !selectedNode) {
      const users = unscheduledUsers(c, view);
      const waiting =
        users.length === 0
          ? event(c, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding')
          : event(c, 'Normal', 'WaitForPodScheduled', users.length > 1 ? `waiting for pods ${users.join(',')} to be scheduled` : `waiting for pod ${users[0]} to be scheduled`);
      return [waiting, ...claimStatus(c, 'Pending')];
    }
    if (cls !== '') return provisionClaim(c, view);
    return [event(c, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set'), ...claimStatus(c, 'Pending')];
  }
  const v = view.volumes.find((x) => x.metadata.name === c.spec.volumeName);
  if (!v) return claimStatus(c, 'Pending');
  if (!v.spec?.claimRef) {
    const why = volumeMismatch(v, c);
    if (why) return [event(c, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${v.metadata.name}": ${why}`), ...claimStatus(c, 'Pending')];
    return bind(v, c, now);
  }
  if (isVolumeBoundToClaim(v, c)) return bind(v, c, now);
  if (c.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === undefined) {
    return [event(c, 'Warning', 'FailedBinding', `volume "${v.metadata.name}" already bound to a different claim.`), ...claimStatus(c, 'Pending')];
  }
  return [];
}

/** provisionClaim for an out-of-tree provisioner: annotate the claim, then wait for the provisioner. */
function provisionClaim(c: PersistentVolumeClaim, view: StorageView): VolumeAction[] {
  const sc = classLookup(view)(claimClass(c));
  if (!sc) return [event(c, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${claimClass(c)}" not found`), ...claimStatus(c, 'Pending')];
  const provisioner = String(sc.provisioner);
  const out: VolumeAction[] = [];
  const ann = c.metadata.annotations ?? {};
  if (ann[ANN_STORAGE_PROVISIONER] !== provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== provisioner) {
    out.push({ type: 'updateClaim', claim: { ...c, metadata: { ...c.metadata, annotations: { ...ann, [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner } } } });
  }
  out.push(
    event(
      c,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    ),
  );
  return out;
}

function syncBoundClaim(c: PersistentVolumeClaim, view: StorageView, now: number): VolumeAction[] {
  if (!c.spec?.volumeName) return [...claimStatus(c, 'Lost'), ...lostOnce(c, 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!')];
  const v = view.volumes.find((x) => x.metadata.name === c.spec.volumeName);
  if (!v) return [...lostOnce(c, 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!'), ...claimStatus(c, 'Lost')];
  if (!v.spec?.claimRef) return bind(v, c, now);
  if (v.spec.claimRef.uid === c.metadata.uid) return bind(v, c, now);
  return [...lostOnce(c, 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly'), ...claimStatus(c, 'Lost')];
}

/** Upstream emits the Lost events when the phase changes to Lost, not at every resync. */
const lostOnce = (c: PersistentVolumeClaim, reason: string, message: string): VolumeAction[] => (c.status?.phase === 'Lost' ? [] : [event(c, 'Warning', reason, message)]);

/** syncVolume for one PV. */
export function syncVolume(v: PersistentVolume, view: StorageView, now: number): VolumeAction[] {
  const ref = v.spec?.claimRef;
  // Unused, or reserved for a claim whose sync has not bound it yet.
  if (!ref || !ref.uid) return volumePhase(v, 'Available', now);
  const found = view.claims.find((c) => c.metadata.namespace === ref.namespace && c.metadata.name === ref.name);
  const claim = found && found.metadata.uid === ref.uid ? found : undefined;
  if (!claim) {
    const released = v.status?.phase === 'Released' || v.status?.phase === 'Failed' ? [] : volumePhase(v, 'Released', now);
    return [...released, ...reclaimVolume({ ...v, status: { ...v.status, phase: released.length ? 'Released' : v.status?.phase } }, now)];
  }
  if (!claim.spec?.volumeName) {
    if (volumeModeOf(claim) !== volumeModeOf(v)) {
      return [
        event(v, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata.name}" due to incompatible volumeMode.`),
        event(claim, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume "${v.metadata.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`),
      ];
    }
    // Bound PV, Pending claim: the claim's sync completes the binding.
    return [];
  }
  if (claim.spec.volumeName === v.metadata.name) return volumePhase(v, 'Bound', now);
  // The claim went to another volume.
  if (v.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] && v.spec?.persistentVolumeReclaimPolicy === 'Delete') {
    const released = v.status?.phase === 'Released' || v.status?.phase === 'Failed' ? [] : volumePhase(v, 'Released', now);
    return [...released, ...reclaimVolume(v, now)];
  }
  if (v.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER]) return unbindVolume(v, now);
  return [];
}

function unbindVolume(v: PersistentVolume, now: number): VolumeAction[] {
  const { [ANN_BOUND_BY_CONTROLLER]: _b, ...annotations } = v.metadata.annotations ?? {};
  const { claimRef: _r, ...spec } = v.spec ?? {};
  const volume = { ...v, metadata: { ...v.metadata, annotations }, spec };
  return [{ type: 'updateVolume', volume }, ...volumePhase(volume, 'Available', now)];
}

/**
 * reclaimVolume: Retain keeps the PV Released; Recycle scrubs it back to Available; Delete is the
 * provisioner's (the simulated one deletes its own PVs, see provisioner.reconcile.ts): a PV no
 * provisioner owns cannot be deleted and fails.
 */
function reclaimVolume(v: PersistentVolume, now: number): VolumeAction[] {
  switch (v.spec?.persistentVolumeReclaimPolicy) {
    case 'Retain':
      return [];
    case 'Recycle':
      return [...unbindVolume(v, now), event(v, 'Normal', 'VolumeRecycled', 'Volume recycled')];
    case 'Delete':
      if (v.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED]) return [];
      if (v.status?.phase === 'Failed') return [];
      return [
        event(v, 'Warning', 'VolumeFailedDelete', `error getting deleter volume plugin for volume "${v.metadata.name}": no deletable volume plugin matched`),
        ...volumePhase(v, 'Failed', now, `error getting deleter volume plugin for volume "${v.metadata.name}": no deletable volume plugin matched`),
      ];
    default:
      return [];
  }
}

