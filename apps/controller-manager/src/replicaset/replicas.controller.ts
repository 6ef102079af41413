import { nameSuffix, type Pod, type ReplicaSet } from '@kubesim/api';
import { randomInt } from 'node:crypto';
import { QueueController } from '../shared/queue-controller';
import { carryOut } from '../shared/slow-start';
import { reconcileReplicaSet } from './replicaset.reconcile';

/** What the ReplicaSet controller and the ReplicationController manager share: carrying out a reconcile. */
export abstract class ReplicasController extends QueueController {
  /**
   * Carries out one reconcile of `rs`: a ReplicaSet, or a ReplicationController in a ReplicaSet's
   * shape (its kind and apiVersion kept, so owner references and the status write name it).
   */
  protected async syncReplicas(rs: ReplicaSet) {
    const by = this.component;
    const pods = [...this.cluster.store.list('Pod')] as Pod[];
    const actions = reconcileReplicaSet(rs, pods, { now: Date.now(), timeScale: this.config.timeScale, suffix: () => nameSuffix(randomInt) });
    // Creates in slow-start batches (1, 2, 4 … at once), as upstream's manageReplicas.
    await carryOut(actions, (a) => a.type === 'create', async (a): Promise<boolean> => {
      switch (a.type) {
        case 'adopt':
        case 'release': {
          const refs = (a.pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid);
          const ownerReferences = a.type === 'adopt' ? [...refs, a.owner] : refs;
          return (await this.write(this.api.updatePodMetadata({ namespace: a.pod.metadata.namespace, name: a.pod.metadata.name, uid: a.pod.metadata.uid, labels: a.pod.metadata.labels, annotations: a.pod.metadata.annotations, ownerReferences, by }), `adopting ${a.pod.metadata.name}`)).ok;
        }
        case 'create': {
          const r = await this.write(this.api.createObject({ object: a.pod, by, cause: `${rs.metadata.name} has fewer pods than its ${rs.spec.replicas} replicas` }), `creating a pod for ${rs.metadata.name}`);
          if (r.ok) await this.event(rs, 'SuccessfulCreate', `Created pod: ${r.name ?? a.pod.metadata.name}`);
          else await this.failedCreate(rs, r.status);
          return r.ok;
        }
        case 'delete': {
          const r = await this.write(this.api.deletePod({ namespace: a.pod.metadata.namespace, name: a.pod.metadata.name, uid: a.pod.metadata.uid, by, cause: `${rs.metadata.name} has more pods than its ${rs.spec.replicas} replicas` }), `deleting ${a.pod.metadata.name}`);
          if (r.ok) await this.event(rs, 'SuccessfulDelete', `Deleted pod: ${a.pod.metadata.name}`);
          return r.ok;
        }
        case 'status':
          return (await this.write(this.api.updateObjectStatus({ kind: rs.kind, namespace: rs.metadata.namespace, name: rs.metadata.name, status: a.status, by }), `status of ${rs.metadata.name}`)).ok;
      }
    });
  }
}
