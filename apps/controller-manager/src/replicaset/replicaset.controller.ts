import { Inject, Injectable } from '@nestjs/common';
import { nameSuffix, type Pod, type ReplicaSet } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import { selectorMatches, type Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { randomInt } from 'node:crypto';
import { ControllerManagerConfig } from '../controller-manager.config';
import { controllerOf } from '../shared/pod-state';
import { objectKey, QueueController, splitKey } from '../shared/queue-controller';
import { reconcileReplicaSet } from './replicaset.reconcile';

/** The ReplicaSet controller's shell: queues ReplicaSets whose pods changed, carries out `reconcileReplicaSet`. */
@Injectable()
export class ReplicaSetController extends QueueController {
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
    if (!rs) return;
    const by = this.component;
    const pods = [...this.cluster.store.list('Pod')] as Pod[];
    for (const a of reconcileReplicaSet(rs, pods, { now: Date.now(), timeScale: this.config.timeScale, suffix: () => nameSuffix(randomInt) })) {
      switch (a.type) {
        case 'adopt':
        case 'release': {
          const refs = (a.pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid);
          const ownerReferences = a.type === 'adopt' ? [...refs, a.owner] : refs;
          await this.write(this.api.updatePodMetadata({ namespace: a.pod.metadata.namespace, name: a.pod.metadata.name, uid: a.pod.metadata.uid, labels: a.pod.metadata.labels, annotations: a.pod.metadata.annotations, ownerReferences, by }), `adopting ${a.pod.metadata.name}`);
          break;
        }
        case 'create': {
          const r = await this.write(this.api.createObject({ object: a.pod, by, cause: `${rs.metadata.name} has fewer pods than its ${rs.spec.replicas} replicas` }), `creating a pod for ${rs.metadata.name}`);
          if (r.ok) await this.event(rs, 'SuccessfulCreate', `Created pod: ${r.name ?? a.pod.metadata.name}`);
          else await this.event(rs, 'FailedCreate', `Error creating: ${r.status.message}`, 'Warning');
          break;
        }
        case 'delete': {
          const r = await this.write(this.api.deletePod({ namespace: a.pod.metadata.namespace, name: a.pod.metadata.name, uid: a.pod.metadata.uid, by, cause: `${rs.metadata.name} has more pods than its ${rs.spec.replicas} replicas` }), `deleting ${a.pod.metadata.name}`);
          if (r.ok) await this.event(rs, 'SuccessfulDelete', `Deleted pod: ${a.pod.metadata.name}`);
          break;
        }
        case 'status':
          await this.write(this.api.updateObjectStatus({ kind: 'ReplicaSet', namespace: rs.metadata.namespace, name: rs.metadata.name, status: a.status, by }), `status of ${rs.metadata.name}`);
          break;
      }
    }
  }
}
