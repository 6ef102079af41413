import { podClaimNames, PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER, type PersistentVolume, type PersistentVolumeClaim, type Pod } from '@kubesim/api';
import type { VolumeAction } from './volume-actions';

/**
 * The pvc-protection and pv-protection controllers: a claim being deleted keeps
 * `kubernetes.io/pvc-protection` while a scheduled pod uses it (the kubelet may be mounting it);
 * a volume being deleted keeps `kubernetes.io/pv-protection` while it is Bound.
 */
const without = (finalizers: string[] | undefined, f: string) => (finalizers ?? []).filter((x) => x !== f);

/** A pod that uses the claim, for pvc-protection: scheduled pods only (the kubelet sees no others). */
export const podUsesClaim = (p: Pod, c: PersistentVolumeClaim) => p.metadata.namespace === c.metadata.namespace && Boolean(p.spec.nodeName) && podClaimNames(p).includes(c.metadata.name);

export function protectClaim(c: PersistentVolumeClaim, pods: readonly Pod[]): VolumeAction[] {
  if (!c.metadata.deletionTimestamp || !(c.metadata.finalizers ?? []).includes(PVC_PROTECTION_FINALIZER)) return [];
  if (pods.some((p) => podUsesClaim(p, c))) return [];
  return [{ type: 'updateClaim', claim: { ...c, metadata: { ...c.metadata, finalizers: without(c.metadata.finalizers, PVC_PROTECTION_FINALIZER) } } }];
}

export function protectVolume(v: PersistentVolume): VolumeAction[] {
  if (!v.metadata.deletionTimestamp || !(v.metadata.finalizers ?? []).includes(PV_PROTECTION_FINALIZER)) return [];
  if (v.status?.phase === 'Bound') return [];
  return [{ type: 'updateVolume', volume: { ...v, metadata: { ...v.metadata, finalizers: without(v.metadata.finalizers, PV_PROTECTION_FINALIZER) } } }];
}
