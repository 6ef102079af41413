import { ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, isClaimBound, type PersistentVolume, type PersistentVolumeClaim, type Pod, type StorageClass } from '@kubesim/api';
import type { ApiClient } from '@kubesim/cluster-client';
import type { Projection } from '@kubesim/eventlog';
import { planVolumes, volumeBindingPreFilter, type VolumeListers, type VolumePlan } from '@kubesim/scheduling';

/** Upstream VolumeBinding's `bindTimeoutSeconds`. */
export const BIND_TIMEOUT_SECONDS = 600;

/** The scheduler's listers over its own projection. */
export function volumeListers(cluster: Projection): VolumeListers {
  const s = cluster.store;
  return {
    claim: (namespace, name) => s.get({ kind: 'PersistentVolumeClaim', namespace, name }) as PersistentVolumeClaim | undefined,
    volume: (name) => s.get({ kind: 'PersistentVolume', namespace: '', name }) as PersistentVolume | undefined,
    volumes: [...s.list('PersistentVolume')] as PersistentVolume[],
    storageClass: (name) => s.get({ kind: 'StorageClass', namespace: '', name }) as StorageClass | undefined,
  };
}

/** The plan for the pod's WaitForFirstConsumer claims on the chosen node (empty for most pods). */
export function volumePlanFor(pod: Pod, node: string, cluster: Projection): VolumePlan | undefined {
  const listers = volumeListers(cluster);
  const state = volumeBindingPreFilter(pod, listers);
  const n = cluster.store.get({ kind: 'Node', namespace: '', name: node });
  if ('preFilterRejected' in state || !state.delayed.length || !n || n.kind !== 'Node') return undefined;
  return planVolumes(state, n).plan;
}

/**
 * VolumeBinding's PreBind (BindPodVolumes): pre-bind the chosen PVs to their claims, annotate the
 * claims to provision with `volume.kubernetes.io/selected-node`, then wait until the PV controller
 * has bound every claim. Returns why it failed, or undefined.
 */
export async function preBindVolumes(api: ApiClient, cluster: Projection, pod: Pod, node: string, plan: VolumePlan, timeoutMs: number): Promise<string | undefined> {
  for (const { claim, volume } of plan.staticBindings) {
    const claimRef = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: claim.metadata.namespace, name: claim.metadata.name, uid: claim.metadata.uid, resourceVersion: claim.metadata.resourceVersion };
    const object = { ...volume, metadata: { ...volume.metadata, annotations: { ...volume.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' } }, spec: { ...volume.spec, claimRef } };
    const r = await api.updateObject({ object, resourceVersion: volume.metadata.resourceVersion });
    if (!r.ok) return `binding volumes: ${r.status.message}`;
  }
  for (const claim of plan.provisions) {
    const object = { ...claim, metadata: { ...claim.metadata, annotations: { ...claim.metadata.annotations, [ANN_SELECTED_NODE]: node } } };
    const r = await api.updateObject({ object, resourceVersion: claim.metadata.resourceVersion });
    if (!r.ok) return `binding volumes: ${r.status.message}`;
  }
  const names = [...plan.staticBindings.map((b) => b.claim), ...plan.provisions].map((c) => c.metadata.name);
  const ns = pod.metadata.namespace ?? 'default';
  const allBound = () => names.every((name) => {
    const c = cluster.store.get({ kind: 'PersistentVolumeClaim', namespace: ns, name }) as PersistentVolumeClaim | undefined;
    return c !== undefined && isClaimBound(c);
  });
  if (allBound()) return undefined;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve('binding volumes: context deadline exceeded');
    }, timeoutMs);
    const unsubscribe = cluster.subscribe(() => {
      if (!allBound()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(undefined);
    });
  });
}
