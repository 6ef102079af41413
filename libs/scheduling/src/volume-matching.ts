import {
  capacityBytes,
  claimClass,
  isVolumeBoundToClaim,
  requestedBytes,
  volumeClass,
  volumeModeOf,
  type Node,
  type PersistentVolume,
  type PersistentVolumeClaim,
} from '@kubesim/api';
import { selectorMatches } from '@kubesim/core';
import { matchesNodeSelectorTerms } from './node-selector';

/**
 * Which PersistentVolume a claim may bind to (upstream `component-helpers/storage/volume`
 * `FindMatchingVolume`, `CheckNodeAffinity`, and the PV controller's `checkVolumeSatisfyClaim`),
 * shared by the PV controller and the scheduler's VolumeBinding plugin.
 */

/** CheckNodeAffinity: a PV without node affinity fits every node. */
export function volumeFitsNode(v: PersistentVolume, node: Node): boolean {
  const terms = v.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!v.spec?.nodeAffinity?.required) return true;
  return matchesNodeSelectorTerms(terms ?? [], node);
}

const accessModesContain = (have: unknown, want: unknown) => {
  const set = new Set(Array.isArray(have) ? have : []);
  return (Array.isArray(want) ? want : []).every((m) => set.has(m));
};

/** checkVolumeSatisfyClaim: why a requested (`volumeName`) PV cannot serve the claim, or undefined. */
export function volumeMismatch(v: PersistentVolume, c: PersistentVolumeClaim): string | undefined {
  if (capacityBytes(v) < requestedBytes(c)) return 'requested PV is too small';
  if (volumeClass(v) !== claimClass(c)) return 'storageClassName does not match';
  if (volumeModeOf(v) !== volumeModeOf(c)) return 'incompatible volumeMode';
  if (!accessModesContain(v.spec?.accessModes, c.spec?.accessModes)) return 'incompatible accessMode';
  return undefined;
}

/**
 * FindMatchingVolume: a PV pre-bound to this claim wins; otherwise the smallest Available PV of the
 * claim's class, size, volume mode and access modes that matches its selector (and, on the
 * scheduler's path, the node). With delayed binding and no node the controller binds only pre-bound PVs.
 */
export function findMatchingVolume(
  c: PersistentVolumeClaim,
  volumes: Iterable<PersistentVolume>,
  opts: { node?: Node; delayBinding: boolean; excluded?: ReadonlySet<string> },
): PersistentVolume | undefined {
  const wanted = requestedBytes(c);
  const cls = claimClass(c);
  let best: PersistentVolume | undefined;
  for (const v of volumes) {
    if (opts.excluded?.has(v.metadata.name)) continue;
    if (volumeModeOf(v) !== volumeModeOf(c)) continue;
    if (v.metadata.deletionTimestamp) continue;
    if (opts.node && !volumeFitsNode(v, opts.node)) continue;
    if (isVolumeBoundToClaim(v, c)) {
      if (capacityBytes(v) < wanted || volumeClass(v) !== cls || !accessModesContain(v.spec?.accessModes, c.spec?.accessModes)) continue;
      return v;
    }
    if (!opts.node && opts.delayBinding) continue;
    if (v.spec?.claimRef) continue;
    if (v.status?.phase !== 'Available') continue;
    if (c.spec?.selector && !selectorMatches(c.spec.selector, v.metadata.labels)) continue;
    if (volumeClass(v) !== cls) continue;
    if (!accessModesContain(v.spec?.accessModes, c.spec?.accessModes)) continue;
    const size = capacityBytes(v);
    if (size < wanted) continue;
    if (!best || size < capacityBytes(best)) best = v;
  }
  return best;
}
