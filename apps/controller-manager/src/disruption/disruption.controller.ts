import { Inject, Injectable } from '@nestjs/common';
import type { KubeObject, Pod, PodDisruptionBudget } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { objectKey, QueueController, splitKey } from '../shared/queue-controller';
import type { Lookup } from './expected-scale';
import { podsOf, reconcileDisruptionBudget } from './disruption.reconcile';

/**
 * The disruption controller's shell: a budget is synced when it, one of its pods, or a controller
 * of its pods changes; it carries out `reconcileDisruptionBudget`. The status is written over the
 * budget's resourceVersion, so a disruption the Eviction API granted meanwhile is never overwritten
 * (a 409 is synced again once the projection has the newer budget).
 */
@Injectable()
export class DisruptionController extends QueueController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('disruption-controller', cluster, api, config);
  }

  private budgets(namespace: string | undefined): PodDisruptionBudget[] {
    return ([...this.cluster.store.list('PodDisruptionBudget')] as unknown as PodDisruptionBudget[]).filter((b) => b.metadata.namespace === namespace);
  }

  protected *keysOf({ object: o }: Change) {
    if (o.kind === 'PodDisruptionBudget') yield objectKey(o.metadata.namespace, o.metadata.name);
    else if (o.kind === 'Pod') {
      for (const b of this.budgets(o.metadata.namespace)) if (podsOf(b, [o as Pod]).length) yield objectKey(b.metadata.namespace, b.metadata.name);
    } else if (['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet'].includes(o.kind)) {
      // A scale change moves expectedPods of the budgets that use controllers' scales.
      for (const b of this.budgets(o.metadata.namespace)) yield objectKey(b.metadata.namespace, b.metadata.name);
    }
  }

  protected allKeys() {
    return this.keysOfKind('PodDisruptionBudget');
  }

  protected async sync(key: string) {
    const pdb = this.cluster.store.get({ kind: 'PodDisruptionBudget', ...splitKey(key) }) as unknown as PodDisruptionBudget | undefined;
    if (!pdb || pdb.metadata.deletionTimestamp) return;
    const lookup: Lookup = (kind, namespace, name) => this.cluster.store.get({ kind: kind as KubeObject['kind'], namespace, name }) as ReturnType<Lookup>;
    const pods = [...this.cluster.store.list('Pod')] as Pod[];
    const plan = reconcileDisruptionBudget(pdb, pods, { now: Date.now(), timeScale: this.config.timeScale, lookup });
    const { namespace, name } = pdb.metadata;
    if (plan.status) {
      const r = await this.write(this.api.updateObjectStatus({ kind: 'PodDisruptionBudget', namespace, name, status: plan.status as never, resourceVersion: pdb.metadata.resourceVersion, by: this.component }), `status of ${name}`);
      if (!r.ok) return;
    }
    for (const e of plan.events) {
      const on = e.on === 'pdb' ? (pdb as unknown as KubeObject) : (this.cluster.store.get({ kind: 'Pod', namespace, name: e.on.pod }) as KubeObject | undefined);
      if (on) await this.event(on, e.reason, e.message, e.type);
    }
    if (plan.recheckAt !== undefined) this.enqueueAfter(key, plan.recheckAt - Date.now() + 1);
  }
}
