import { Inject, Injectable } from '@nestjs/common';
import type { ReplicaSet } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import { selectorMatches, type Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { controllerOf } from '../shared/pod-state';
import { objectKey, splitKey } from '../shared/queue-controller';
import { ReplicasController } from './replicas.controller';

/** The ReplicaSet controller's shell: queues ReplicaSets whose pods changed, carries out `reconcileReplicaSet`. */
@Injectable()
export class ReplicaSetController extends ReplicasController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('replicaset-controller', cluster, api, config);
  }

  protected *keysOf({ object: o }: Change) {
    const owner = controllerOf(o);
    if (owner?.kind === 'ReplicaSet') yield objectKey(o.metadata.namespace, owner.name);
    if (o.kind === 'ReplicaSet') yield objectKey(o.metadata.namespace, o.metadata.name);
    if (o.kind === 'Pod' && !owner) {
      for (const rs of this.cluster.store.list('ReplicaSet') as Iterable<ReplicaSet>) {
        if (rs.metadata.namespace === o.metadata.namespace && selectorMatches(rs.spec.selector, o.metadata.labels)) yield objectKey(rs.metadata.namespace, rs.metadata.name);
      }
    }
  }

  protected allKeys() {
    return this.keysOfKind('ReplicaSet');
  }

  protected async sync(key: string) {
    const rs = this.cluster.store.get({ kind: 'ReplicaSet', ...splitKey(key) }) as ReplicaSet | undefined;
    if (rs) await this.syncReplicas(rs);
  }
}
