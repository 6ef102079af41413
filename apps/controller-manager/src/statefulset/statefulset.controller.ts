import { Inject, Injectable } from '@nestjs/common';
import type { ControllerRevision, KubeObject, PersistentVolumeClaim, Pod, StatefulSet } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { ownerReference } from '../shared/owner';
import { controllerOf } from '../shared/pod-state';
import { objectKey, QueueController, splitKey } from '../shared/queue-controller';
import { slowStartBatch } from '../shared/slow-start';
import { reconcileStatefulSet, type StatefulSetAction } from './statefulset.reconcile';

/**
 * The StatefulSet controller's shell: queues sets whose pods, revisions or claims changed, carries
 * out `reconcileStatefulSet` with upstream's events (stateful_pod_control.go's recordPodEvent and
 * recordClaimEvent).
 */
@Injectable()
export class StatefulSetController extends QueueController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('statefulset-controller', cluster, api, config);
  }

  protected *keysOf({ object: o }: Change) {
    const owner = controllerOf(o);
    if (owner?.kind === 'StatefulSet') yield objectKey(o.metadata.namespace, owner.name);
    // An orphan may be adopted by any set of its namespace.
    if ((o.kind === 'Pod' || o.kind === 'ControllerRevision') && !owner) yield* this.keysOfKind('StatefulSet').filter((k) => splitKey(k).namespace === o.metadata.namespace);
    if (o.kind === 'StatefulSet') yield objectKey(o.metadata.namespace, o.metadata.name);
    // A claim being deleted blocks its pod; once it is gone the pod can be created.
    if (o.kind === 'PersistentVolumeClaim') yield* this.keysOfKind('StatefulSet').filter((k) => splitKey(k).namespace === o.metadata.namespace);
  }

  protected allKeys() {
    return this.keysOfKind('StatefulSet');
  }

  protected async sync(key: string) {
    const set = this.cluster.store.get({ kind: 'StatefulSet', ...splitKey(key) }) as unknown as StatefulSet | undefined;
    if (!set) return;
    const list = <T>(kind: KubeObject['kind']) => [...this.cluster.store.list(kind)] as unknown as T[];
    const { actions, requeueAfterMs } = reconcileStatefulSet(set, list<Pod>('Pod'), list<PersistentVolumeClaim>('PersistentVolumeClaim'), list<ControllerRevision>('ControllerRevision'), { now: Date.now(), timeScale: this.config.timeScale });
    // A Parallel set creates its pods in slow-start batches (upstream's runForAll); an OrderedReady one, in turn.
    const parallel = set.spec.podManagementPolicy === 'Parallel';
    for (let i = 0; i < actions.length; ) {
      let j = i + 1;
      if (parallel && actions[i]!.type === 'createPod') while (j < actions.length && actions[j]!.type === 'createPod') j++;
      const run = actions.slice(i, j);
      i = j;
      if ((await slowStartBatch(run, (a) => this.carryOut(set, a))).successes < run.length) break;
    }
    if (requeueAfterMs !== undefined) this.enqueueAfter(key, requeueAfterMs + 100);
  }

  /** One action; false when the rest of the sync should wait (a claim or a pod was refused). */
  private async carryOut(set: StatefulSet, a: StatefulSetAction): Promise<boolean> {
    const by = this.component;
    const { namespace, name: setName } = set.metadata;
    const owner = set as unknown as KubeObject;
    switch (a.type) {
      case 'createRevision':
        await this.write(this.api.createObject({ object: a.revision, by, cause: `${setName}'s template is not recorded yet` }), `recording a revision of ${setName}`);
        return false;
      case 'adoptPod': {
        const { name, uid, ownerReferences = [] } = a.pod.metadata;
        await this.write(this.api.updatePodMetadata({ namespace, name, uid, labels: a.pod.metadata.labels, annotations: a.pod.metadata.annotations, ownerReferences: [...ownerReferences, ownerReference(set)], by, cause: `${setName}'s selector matches ${name}, which no controller owns` }), `adopting ${name}`);
        return true;
      }
      case 'adoptRevision': {
        const r = a.revision;
        await this.write(this.api.updateObject({ object: { ...r, metadata: { ...r.metadata, ownerReferences: [...(r.metadata.ownerReferences ?? []), ownerReference(set)] } }, resourceVersion: r.metadata.resourceVersion, by, cause: `${setName}'s selector matches revision ${r.metadata.name}, which no controller owns` }), `adopting ${r.metadata.name}`);
        return true;
      }
      case 'renumberRevision':
        await this.write(this.api.updateObject({ object: { ...a.revision, revision: a.number }, resourceVersion: a.revision.metadata.resourceVersion, by, cause: `${setName} went back to the template of ${a.revision.metadata.name}` }), `renumbering ${a.revision.metadata.name}`);
        return false;
      case 'deleteRevision':
        await this.write(this.api.deleteObject({ kind: 'ControllerRevision', namespace, name: a.revision.metadata.name, uid: a.revision.metadata.uid, by, cause: `${setName} keeps ${set.spec.revisionHistoryLimit} old revisions` }), `deleting ${a.revision.metadata.name}`);
        return true;
      case 'createPod': {
        const pod = a.pod.metadata.name!;
        for (const claim of a.claims) {
          const c = claim.metadata.name!;
          const r = await this.write(this.api.createObject({ object: claim, by, cause: `${pod} of ${setName} needs its claim` }), `creating claim ${c}`);
          if (r.ok) await this.event(owner, 'SuccessfulCreate', `create Claim ${c} Pod ${pod} in StatefulSet ${setName} success`);
          else if (r.status.code !== 409) {
            await this.event(owner, 'FailedCreate', `create Claim ${c} for Pod ${pod} in StatefulSet ${setName} failed error: ${r.status.message}`, 'Warning');
            return false;
          }
        }
        const r = await this.write(this.api.createObject({ object: a.pod, by, cause: a.cause }), `creating ${pod}`);
        if (r.ok) await this.event(owner, 'SuccessfulCreate', `create Pod ${pod} in StatefulSet ${setName} successful`);
        else await this.event(owner, 'FailedCreate', `create Pod ${pod} in StatefulSet ${setName} failed error: ${r.status.message}`, 'Warning');
        return r.ok;
      }
      case 'deletePod': {
        const { name, uid } = a.pod.metadata;
        if (a.event) await this.event(owner, a.event.reason, a.event.message, a.event.type);
        const r = await this.write(this.api.deletePod({ namespace, name, uid, by, cause: a.cause }), `deleting ${name}`);
        if (r.ok) await this.event(owner, 'SuccessfulDelete', `delete Pod ${name} in StatefulSet ${setName} successful`);
        else if (r.status.code !== 404) await this.event(owner, 'FailedDelete', `delete Pod ${name} in StatefulSet ${setName} failed error: ${r.status.message}`, 'Warning');
        return true;
      }
      case 'deleteClaim': {
        const { name, uid } = a.claim.metadata;
        // Upstream leaves this to the garbage collector (the claim is owned by the pod), with no event of the set's.
        await this.write(this.api.deleteObject({ kind: 'PersistentVolumeClaim', namespace, name, uid, by, cause: a.cause }), `deleting claim ${name}`);
        return true;
      }
      case 'event':
        await this.event(owner, a.reason, a.message, a.eventType);
        return true;
      case 'status':
        await this.write(this.api.updateObjectStatus({ kind: 'StatefulSet', namespace, name: setName, status: a.status as never, by }), `status of ${setName}`);
        return true;
    }
  }
}
