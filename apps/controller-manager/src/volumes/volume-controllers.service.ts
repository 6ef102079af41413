import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { podClaimNames, type PersistentVolume, type PersistentVolumeClaim, type Pod, type Reply, type StorageClass } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import { referenceTo, type Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { protectClaim, protectVolume } from './protection.reconcile';
import { deleteReleasedVolume, provisionClaim, resizeClaim } from './provisioner.reconcile';
import { syncClaim, syncVolume } from './pv-controller.reconcile';
import type { StorageView, VolumeAction } from './volume-actions';

/** kube-controller-manager's `--pvclaimbinder-sync-period`. */
export const PV_SYNC_PERIOD_SECONDS = 15;

type Key = `Claim/${string}/${string}` | `Volume//${string}`;

/**
 * The PV controller, the simulated provisioner and the pvc/pv-protection controllers. Each sync
 * is the pure decisions of `*.reconcile.ts` against this process's projection; the writes go
 * through the apiserver one at a time, each awaited in the projection before the next decision.
 */
@Injectable()
export class VolumeControllers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('volume-controllers');
  private readonly queue = new Set<Key>();
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private resync?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(ControllerManagerConfig) private readonly config: ControllerManagerConfig,
  ) {}

  onApplicationBootstrap() {
    this.unsubscribe = this.cluster.subscribe((c) => this.onChange(c));
    this.enqueueAll();
    this.running = true;
    this.loop = this.run();
    const every = PV_SYNC_PERIOD_SECONDS * 1000 * this.config.timeScale;
    const tick = () => {
      this.enqueueAll();
      this.resync = setTimeout(tick, every);
    };
    this.resync = setTimeout(tick, every);
  }

  async onApplicationShutdown() {
    this.running = false;
    clearTimeout(this.resync);
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  private add(key: Key) {
    this.queue.add(key);
    this.wake?.();
  }

  private enqueueAll() {
    for (const c of this.cluster.store.list('PersistentVolumeClaim')) this.add(`Claim/${c.metadata.namespace}/${c.metadata.name}`);
    for (const v of this.cluster.store.list('PersistentVolume')) this.add(`Volume//${v.metadata.name}`);
  }

  private onChange(c: Change) {
    const o = c.object;
    switch (o.kind) {
      case 'PersistentVolumeClaim':
        this.add(`Claim/${o.metadata.namespace}/${o.metadata.name}`);
        for (const v of this.cluster.store.list('PersistentVolume') as Iterable<PersistentVolume>) {
          if (v.spec?.claimRef?.namespace === o.metadata.namespace && v.spec?.claimRef?.name === o.metadata.name) this.add(`Volume//${v.metadata.name}`);
        }
        break;
      case 'PersistentVolume': {
        this.add(`Volume//${o.metadata.name}`);
        const ref = (o as PersistentVolume).spec?.claimRef;
        if (ref) this.add(`Claim/${ref.namespace}/${ref.name}`);
        // A new or freed volume may serve a waiting claim.
        for (const claim of this.cluster.store.list('PersistentVolumeClaim') as Iterable<PersistentVolumeClaim>) if (!claim.spec?.volumeName) this.add(`Claim/${claim.metadata.namespace}/${claim.metadata.name}`);
        break;
      }
      case 'StorageClass':
        for (const claim of this.cluster.store.list('PersistentVolumeClaim')) this.add(`Claim/${claim.metadata.namespace}/${claim.metadata.name}`);
        break;
      case 'Pod':
        for (const name of podClaimNames(o as Pod)) this.add(`Claim/${o.metadata.namespace}/${name}`);
        break;
      default:
        break;
    }
  }

  private async run() {
    while (this.running) {
      const next = this.queue.values().next();
      if (next.done) {
        await new Promise<void>((r) => (this.wake = r));
        this.wake = undefined;
        continue;
      }
      this.queue.delete(next.value);
      try {
        await this.sync(next.value);
      } catch (e) {
        this.logger.warn(`syncing ${next.value}: ${e instanceof Error ? e.message : e}; will retry`);
        const key = next.value;
        setTimeout(() => this.add(key), 1000 * this.config.timeScale);
      }
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
  private async sync(key: Key) {
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
    const by = 'persistentvolume-controller';
    switch (a.type) {
      case 'updateClaim':
        return this.write(this.api.updateObject({ object: a.claim, resourceVersion: a.claim.metadata.resourceVersion, by }), `updating claim ${a.claim.metadata.name}`);
      case 'claimStatus':
        return this.write(this.api.updateObjectStatus({ kind: 'PersistentVolumeClaim', namespace: a.claim.metadata.namespace ?? '', name: a.claim.metadata.name, status: a.status, by }), `status of claim ${a.claim.metadata.name}`);
      case 'updateVolume':
        return this.write(this.api.updateObject({ object: a.volume, resourceVersion: a.volume.metadata.resourceVersion, by }), `updating volume ${a.volume.metadata.name}`);
      case 'volumeStatus':
        return this.write(this.api.updateObjectStatus({ kind: 'PersistentVolume', namespace: '', name: a.volume.metadata.name, status: a.status, by }), `status of volume ${a.volume.metadata.name}`);
      case 'createVolume':
        return this.write(this.api.createObject({ object: a.volume, by: 'kubesim-hostpath-provisioner', cause: `provisioning for claim ${a.volume.spec.claimRef.namespace}/${a.volume.spec.claimRef.name}` }), `creating volume ${a.volume.metadata.name}`);
      case 'deleteVolume':
        return this.write(this.api.deleteObject({ kind: 'PersistentVolume', namespace: '', name: a.volume.metadata.name, uid: a.volume.metadata.uid, by: 'kubesim-hostpath-provisioner', cause: 'its claim was deleted and its reclaim policy is Delete' }), `deleting volume ${a.volume.metadata.name}`);
      case 'event':
        await this.api.recordEvent({ involvedObject: referenceTo(a.object), reason: a.reason, message: a.message, type: a.eventType, component: a.component, by: a.component });
        return true;
      default: {
        const _exhaustive: never = a;
        return _exhaustive;
      }
    }
  }

  private async write(reply: Promise<Reply>, what: string): Promise<boolean> {
    const r = await reply;
    if (r.ok) {
      await this.cluster.waitFor(Number(r.resourceVersion));
      return true;
    }
    if (r.status.code !== 404 && r.status.code !== 409) throw new Error(`${what}: ${r.status.message}`);
    return false;
  }
}
