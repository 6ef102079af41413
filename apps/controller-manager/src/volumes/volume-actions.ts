import type { KubeObject, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '@kubesim/api';

/** What the PV controller, the simulated provisioner and the protection controllers see. */
export interface StorageView {
  readonly claims: readonly PersistentVolumeClaim[];
  readonly volumes: readonly PersistentVolume[];
  readonly classes: readonly StorageClass[];
  readonly pods: readonly Pod[];
}

/** One write the shell carries out through the apiserver, in order. */
export type VolumeAction =
  | { readonly type: 'updateClaim'; readonly claim: PersistentVolumeClaim }
  | { readonly type: 'claimStatus'; readonly claim: PersistentVolumeClaim; readonly status: Record<string, unknown> }
  | { readonly type: 'updateVolume'; readonly volume: PersistentVolume }
  | { readonly type: 'volumeStatus'; readonly volume: PersistentVolume; readonly status: Record<string, unknown> }
  | { readonly type: 'createVolume'; readonly volume: PersistentVolume }
  | { readonly type: 'deleteVolume'; readonly volume: PersistentVolume }
  | { readonly type: 'event'; readonly object: KubeObject; readonly eventType: 'Normal' | 'Warning'; readonly reason: string; readonly message: string; readonly component: string };

export const PV_CONTROLLER = 'persistentvolume-controller';

export const event = (object: KubeObject, eventType: 'Normal' | 'Warning', reason: string, message: string, component = PV_CONTROLLER): VolumeAction => ({ type: 'event', object, eventType, reason, message, component });

export const classLookup = (view: StorageView) => (name: string) => view.classes.find((c) => c.metadata.name === name);
