import { describe, expect, it } from 'vitest';
import { resolveClaim } from './claim.volume';
import type { ObjectLookup } from './object-lookup';

const lookup =
  (objects: Record<string, Record<string, any>>): ObjectLookup =>
  (kind, ns, name) =>
    objects[`${kind}/${ns}/${name}`];
const bound = { spec: { volumeName: 'task-pv-volume' }, status: { phase: 'Bound' } };

describe('a persistentVolumeClaim volume at the kubelet', () => {
  it('resolves to the PV the claim is bound to', () => {
    expect(resolveClaim('task-pv-claim', 'default', lookup({ 'PersistentVolumeClaim/default/task-pv-claim': bound, 'PersistentVolume//task-pv-volume': {} }))).toEqual({ ok: true, persistentVolume: 'task-pv-volume' });
  });

  it.each([
    ['the claim missing', {}, 'error processing PVC default/task-pv-claim: failed to fetch PVC from API server: persistentvolumeclaims "task-pv-claim" not found'],
    ['the claim Pending', { 'PersistentVolumeClaim/default/task-pv-claim': { spec: {}, status: { phase: 'Pending' } } }, 'error processing PVC default/task-pv-claim: PVC default/task-pv-claim has non-bound phase ("Pending") or empty pvc.Spec.VolumeName ("")'],
    ['the PV missing', { 'PersistentVolumeClaim/default/task-pv-claim': bound }, 'error processing PVC default/task-pv-claim: failed to fetch PV "task-pv-volume" from API server: persistentvolumes "task-pv-volume" not found'],
  ])('%s: the volume manager error', (_n, objects, message) => {
    expect(resolveClaim('task-pv-claim', 'default', lookup(objects))).toEqual({ ok: false, message });
  });
});
