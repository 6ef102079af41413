import type { ObjectLookup } from './object-lookup';

/** Where a `persistentVolumeClaim` volume's data lives: its bound PersistentVolume, or why it cannot be used yet. */
export type ClaimResolution = { ok: true; persistentVolume: string } | { ok: false; message: string };

/**
 * The volume manager's getPVCExtractPV and getPVSpec: the claim must exist, be `Bound` with a
 * `spec.volumeName`, and that PV must exist. The errors are the desired-state populator's
 * (`error processing PVC <ns>/<claim>: …`).
 */
export function resolveClaim(claimName: string, namespace: string, objects: ObjectLookup): ClaimResolution {
  const fail = (err: string): ClaimResolution => ({ ok: false, message: `error processing PVC ${namespace}/${claimName}: ${err}` });
  const pvc = objects('PersistentVolumeClaim', namespace, claimName);
  if (!pvc) return fail(`failed to fetch PVC from API server: persistentvolumeclaims "${claimName}" not found`);
  const phase = pvc.status?.phase ?? '';
  const volumeName = pvc.spec?.volumeName ?? '';
  if (phase !== 'Bound' || !volumeName) return fail(`PVC ${namespace}/${claimName} has non-bound phase (${JSON.stringify(phase)}) or empty pvc.Spec.VolumeName (${JSON.stringify(volumeName)})`);
  if (!objects('PersistentVolume', '', volumeName)) return fail(`failed to fetch PV ${JSON.stringify(volumeName)} from API server: persistentvolumes ${JSON.stringify(volumeName)} not found`);
  return { ok: true, persistentVolume: volumeName };
}
