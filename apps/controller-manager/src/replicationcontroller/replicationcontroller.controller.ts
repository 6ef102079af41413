import { Inject, Injectable } from '@nestjs/common';
import { ApiClient } from '@kubesim/cluster-client';
import { selectorMatches, type Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { ReplicasController } from '../replicaset/replicas.controller';
import { controllerOf } from '../shared/pod-state';
import { objectKey, splitKey } from '../shared/queue-controller';
import { asReplicaSet } from './as-replicaset';

/** The ReplicationController manager: the ReplicaSet controller over RCs in a ReplicaSet's shape. */
@Injectable()
export class ReplicationControllerManager extends ReplicasController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('replication-controller', cluster, api, config);
  }

  protected *keysOf({ object: o }: Change) {
    const owner = controllerOf(o);
    if (owner?.kind === 'ReplicationController') yield objectKey(o.metadata.namespace, owner.name);
    if (o.kind === 'ReplicationController') yield objectKey(o.metadata.namespace, o.metadata.name);
    if (o.kind === 'Pod' && !owner) {
      for (const rc of this.cluster.store.list('ReplicationController')) {
        if (rc.metadata.namespace === o.metadata.namespace && selectorMatches(asReplicaSet(rc).spec.selector, o.metadata.labels)) yield objectKey(rc.metadata.namespace, rc.metadata.name);
      }
    }
  }

  protected allKeys() {
    return this.keysOfKind('ReplicationController');
  }

  protected async sync(key: string) {
    const rc = this.cluster.store.get({ kind: 'ReplicationController', ...splitKey(key) });
    if (rc) await this.syncReplicas(asReplicaSet(rc));
  }
}
