import { Inject, Injectable } from '@nestjs/common';
import { podClaimNames, type PersistentVolume, type PersistentVolumeClaim, type Pod, type Reply, type StorageClass } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import { referenceTo, type Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { QueueController } from '../shared/queue-controller';
import { protectClaim, protectVolume } from './protection.reconcile';
import { deleteReleasedVolume, provisionClaim, resizeClaim } from './provisioner.reconcile';
import { syncClaim, syncVolume } from './pv-controller.reconcile';
import type { StorageView, VolumeAction } from './volume-actions';

/** kube-controller-manager's `--pvclaimbinder-sync-period`. */
export const PV_SYNC_PERIOD_SECONDS = 15;

type Key = `Claim/${string}/${string}` | `Volume//${string}`;

/**
 * The PV controller, the simulated provisioner and the pvc/pv-protection controllers. Each sync
 * is the pure decisions of `*.reconcile.ts` against this process's projection; the shared queue
 * shell carries the writes out one at a time, each awaited in the projection before the next
 * decision.
 */
@Injectable()
export class VolumeControllers extends QueueController {
  protected override readonly resyncSeconds = PV_SYNC_PERIOD_SECONDS;

  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('volume-controllers', cluster, api, config);
  }

  protected *allKeys(): Iterable<Key> {
    for (const c of this.cluster.store.list('PersistentVolumeClaim')) yield claimKey(c.metadata.namespace, c.metadata.name);
    for (const v of this.cluster.store.list('PersistentVolume')) yield `Volume//${v.metadata.name}`;
  }

  protected *keysOf({ object: o }: Change): Iterable<Key> {
    switch (o.kind) {
      case 'PersistentVolumeClaim':
        yield claimKey(o.metadata.namespace, o.metadata.name);
        for (const v of this.cluster.store.list('PersistentVolume') as Iterable<PersistentVolume>) {
          if (v.spec?.claimRef?.namespace === o.metadata.namespace && v.spec?.claimRef?.name === o.metadata.name) yield `Volume//${v.metadata.name}`;
        }
        break;
      case 'PersistentVolume': {
        yield `Volume//${o.metadata.name}`;
        const ref = (o as PersistentVolume).spec?.claimRef;
        if (ref) yield claimKey(ref.namespace, ref.name);
        // A new or freed volume may serve a waiting claim.
        for (const claim of this.cluster.store.list('PersistentVolumeClaim') as Iterable<PersistentVolumeClaim>) if (!claim.spec?.volumeName) yield claimKey(claim.metadata.namespace, claim.metadata.name);
        break;
      }
      case 'StorageClass':
        for (const claim of this.cluster.store.list('PersistentVolumeClaim')) yield claimKey(claim.metadata.namespace, claim.metadata.name);
        break;
      case 'Pod':
        for (const name of podClaimNames(o as Pod)) yield claimKey(o.metadata.namespace, name);
        break;
      default:
        break;
    }
  }

  private view(): StorageView {
    const s = this.cluster.store;
    return {
      claims: [...s.list('PersistentVolumeClaim')] as PersistentVolumeClaim[],
      volumes: [...s.list('PersistentVolume')] as PersistentVolume[],
      classes: [...s.list('StorageClass')] as StorageClass[],
      pods: [...s.list('Pod')] as Pod[],
    };
  }

  /** Protection first, then the PV controller, then the provisioner: each on the state the last one left. */
  protected async sync(key: string) {
    const [kind, namespace, name] = key.split('/');
    if (kind === 'Claim') {
      const stages = [
        (c: PersistentVolumeClaim, v: StorageView) => protectClaim(c, v.pods),
        (c: PersistentVolumeClaim, v: StorageView) => syncClaim(c, v, Date.now()),
        (c: PersistentVolumeClaim, v: StorageView) => provisionClaim(c, v),
        (c: PersistentVolumeClaim, v: StorageView) => resizeClaim(c, v),
        // The PV controller again: the claim's status follows a grown PV.
        (c: PersistentVolumeClaim, v: StorageView) => syncClaim(c, v, Date.now()),
      ];
      for (const stage of stages) {
        const claim = this.cluster.store.get({ kind: 'PersistentVolumeClaim', namespace, name }) as PersistentVolumeClaim | undefined;
        if (!claim) return;
        await this.carryOut(stage(claim, this.view()));
      }
      return;
    }
    const stages = [
      (v: PersistentVolume) => protectVolume(v),
      (v: PersistentVolume, view: StorageView) => syncVolume(v, view, Date.now()),
      (v: PersistentVolume) => deleteReleasedVolume(v),
    ];
    for (const stage of stages) {
      const volume = this.cluster.store.get({ kind: 'PersistentVolume', namespace: '', name }) as PersistentVolume | undefined;
      if (!volume) return;
      await this.carryOut(stage(volume, this.view()));
    }
  }

  private async carryOut(actions: readonly VolumeAction[]) {
    for (const a of actions) if (!(await this.apply(a))) return;
  }

  /** One write; false when it was refused (a 409 or 404: the next sync decides again). */
  private async apply(a: VolumeAction): Promise<boolean> {
    const write = async (reply: Promise<Reply>, what: string) => (await this.write(reply, what)).ok;
    const by = 'persistentvolume-controller';
    switch (a.type) {
      case 'updateClaim':
        return write(this.api.updateObject({ object: a.claim, resourceVersion: a.claim.metadata.resourceVersion, by }), `updating claim ${a.claim.metadata.name}`);
      case 'claimStatus':
        return write(this.api.updateObjectStatus({ kind: 'PersistentVolumeClaim', namespace: a.claim.metadata.namespace ?? '', name: a.claim.metadata.name, status: a.status, by }), `status of claim ${a.claim.metadata.name}`);
      case 'updateVolume':
        return write(this.api.updateObject({ object: a.volume, resourceVersion: a.volume.metadata.resourceVersion, by }), `updating volume ${a.volume.metadata.name}`);
      case 'volumeStatus':
        return write(this.api.updateObjectStatus({ kind: 'PersistentVolume', namespace: '', name: a.volume.metadata.name, status: a.status, by }), `status of volume ${a.volume.metadata.name}`);
      case 'createVolume':
        return write(this.api.createObject({ object: a.volume, by: 'kubesim-hostpath-provisioner', cause: `provisioning for claim ${a.volume.spec.claimRef.namespace}/${a.volume.spec.claimRef.name}` }), `creating volume ${a.volume.metadata.name}`);
      case 'deleteVolume':
        return write(this.api.deleteObject({ kind: 'PersistentVolume', namespace: '', name: a.volume.metadata.name, uid: a.volume.metadata.uid, by: 'kubesim-hostpath-provisioner', cause: 'its claim was deleted and its reclaim policy is Delete' }), `deleting volume ${a.volume.metadata.name}`);
      case 'event':
        await this.api.recordEvent({ involvedObject: referenceTo(a.object), reason: a.reason, message: a.message, type: a.eventType, component: a.component, by: a.component });
        return true;
      default: {
        const _exhaustive: never = a;
        return _exhaustive;
      }
    }
  }
}

const claimKey = (namespace: string | undefined, name: string): Key => `Claim/${namespace ?? ''}/${name}`;
