import { Inject, Injectable } from '@nestjs/common';
import { isGenericKind, type KubeObject } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { QueueController } from '../shared/queue-controller';
import { dependentsToFree, foregroundPlan, isDeletingDependents, isOrphaning, orphaned } from './garbage.reconcile';

const ALL = 'all';

/** Background cascading deletion: dependents whose owners are all gone are deleted (on every deletion and resync). */
@Injectable()
export class GarbageCollector extends QueueController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('garbage-collector', cluster, api, config);
  }

  protected *keysOf(c: Change) {
    if (c.type === 'DELETED' || isOrphaning(c.object, ORPHAN_FINALIZER) || isDeletingDependents(c.object, FOREGROUND_FINALIZER)) yield ALL;
  }

  protected allKeys() {
    return [ALL];
  }

  protected async sync() {
    const uids = new Set<string>();
    for (const o of this.cluster.store.objects.values()) uids.add(o.metadata.uid);
    const by = this.component;
    for (const owner of [...this.cluster.store.objects.values()] as KubeObject[]) if (isOrphaning(owner, ORPHAN_FINALIZER) && isGenericKind(owner.kind)) await this.orphanDependents(owner);
    for (const owner of [...this.cluster.store.objects.values()] as KubeObject[]) if (isDeletingDependents(owner, FOREGROUND_FINALIZER) && isGenericKind(owner.kind)) await this.deleteDependents(owner);
    for (const o of [...this.cluster.store.objects.values()] as KubeObject[]) {
      if (!orphaned(o, (uid) => uids.has(uid))) continue;
      const { namespace = '', name, uid } = o.metadata;
      if (o.kind === 'Pod') {
        if (!o.metadata.deletionTimestamp) await this.write(this.api.deletePod({ namespace, name, uid, by, cause: 'its owner was deleted' }), `collecting pod ${namespace}/${name}`);
      } else if (isGenericKind(o.kind)) {
        await this.write(this.api.deleteObject({ kind: o.kind, namespace, name, uid, by, cause: 'its owner was deleted' }), `collecting ${o.kind} ${name}`);
      }
    }
  }

  /** propagationPolicy Foreground: the dependents are deleted first (blocking ones in foreground too), then `foregroundDeletion` goes. */
  private async deleteDependents(owner: KubeObject) {
    const by = this.component;
    const cause = `${owner.kind} ${owner.metadata.name} is being deleted with propagationPolicy Foreground`;
    const plan = foregroundPlan(owner, this.cluster.store.objects.values() as Iterable<KubeObject>);
    for (const { object: d, foreground } of plan.toDelete) {
      const { namespace = '', name, uid } = d.metadata;
      if (d.kind === 'Pod') await this.write(this.api.deletePod({ namespace, name, uid, by, cause }), `deleting pod ${name}`);
      else if (isGenericKind(d.kind)) await this.write(this.api.deleteObject({ kind: d.kind, namespace, name, uid, ...(foreground ? { foreground } : {}), by, cause }), `deleting ${d.kind} ${name}`);
    }
    if (plan.blocked) return;
    const finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== FOREGROUND_FINALIZER);
    await this.write(this.api.updateObject({ object: { ...owner, metadata: { ...owner.metadata, finalizers } }, resourceVersion: owner.metadata.resourceVersion, by, cause }), `finalizing ${owner.kind} ${owner.metadata.name}`);
  }

  /** propagationPolicy Orphan: the dependents keep running without their owner's reference, then the `orphan` finalizer goes. */
  private async orphanDependents(owner: KubeObject) {
    const by = this.component;
    const cause = `${owner.kind} ${owner.metadata.name} was deleted with propagationPolicy Orphan`;
    for (const { object: d, ownerReferences } of dependentsToFree(owner, this.cluster.store.objects.values() as Iterable<KubeObject>)) {
      const { namespace = '', name, uid } = d.metadata;
      if (d.kind === 'Pod') await this.write(this.api.updatePodMetadata({ namespace, name, uid, labels: d.metadata.labels, annotations: d.metadata.annotations, ownerReferences, by, cause }), `orphaning pod ${name}`);
      else if (isGenericKind(d.kind)) await this.write(this.api.updateObject({ object: { ...d, metadata: { ...d.metadata, ownerReferences: ownerReferences.length ? ownerReferences : undefined } }, resourceVersion: d.metadata.resourceVersion, by, cause }), `orphaning ${d.kind} ${name}`);
    }
    const finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== ORPHAN_FINALIZER);
    await this.write(this.api.updateObject({ object: { ...owner, metadata: { ...owner.metadata, finalizers } }, resourceVersion: owner.metadata.resourceVersion, by, cause }), `finalizing ${owner.kind} ${owner.metadata.name}`);
  }
}
