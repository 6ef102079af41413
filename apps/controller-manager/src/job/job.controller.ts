import type { WrittenObject } from '@kubesim/api';
import { Inject, Injectable } from '@nestjs/common';
import { nameSuffix, type Job, type Pod } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { randomInt } from 'node:crypto';
import { ControllerManagerConfig } from '../controller-manager.config';
import { controllerOf } from '../shared/pod-state';
import { objectKey, QueueController, splitKey } from '../shared/queue-controller';
import { carryOut } from '../shared/slow-start';
import { reconcileJob } from './job.reconcile';

/** The Job controller's shell (with ttl-after-finished): queues Jobs whose pods changed, carries out `reconcileJob`. */
@Injectable()
export class JobController extends QueueController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('job-controller', cluster, api, config);
  }

  protected *keysOf({ object: o }: Change) {
    const owner = controllerOf(o);
    if (o.kind === 'Pod' && owner?.kind === 'Job') yield objectKey(o.metadata.namespace, owner.name);
    if (o.kind === 'Job') yield objectKey(o.metadata.namespace, o.metadata.name);
  }

  protected allKeys() {
    return this.keysOfKind('Job');
  }

  protected async sync(key: string) {
    const job = this.cluster.store.get({ kind: 'Job', ...splitKey(key) }) as unknown as Job | undefined;
    if (!job) return;
    const by = this.component;
    const pods = [...this.cluster.store.list('Pod')] as Pod[];
    const { actions, requeueAfterMs } = reconcileJob(job, pods, { now: Date.now(), timeScale: this.config.timeScale, suffix: () => nameSuffix(randomInt) });
    // Creates in slow-start batches (1, 2, 4 … at once), as upstream's manageJob.
    await carryOut(actions, (a) => a.type === 'create', async (a): Promise<boolean> => {
      switch (a.type) {
        case 'create': {
          const cause = a.index !== undefined ? `${job.metadata.name} has no pod for completion index ${a.index}` : `${job.metadata.name} has fewer active pods than it needs`;
          const r = await this.write(this.api.createObject({ object: a.pod as WrittenObject, by, cause }), `creating a pod for ${job.metadata.name}`);
          if (r.ok) await this.event(job as never, 'SuccessfulCreate', `Created pod: ${r.name ?? a.pod.metadata.name}`);
          else await this.event(job as never, 'FailedCreate', `Error creating: ${r.status.message}`, 'Warning');
          return r.ok;
        }
        case 'delete': {
          const { namespace, name, uid } = a.pod.metadata;
          const r = await this.write(this.api.deletePod({ namespace, name, uid, by, cause: a.cause }), `deleting ${name}`);
          if (r.ok) await this.event(job as never, 'SuccessfulDelete', `Deleted pod: ${name}`);
          return r.ok;
        }
        case 'status':
          return (await this.write(this.api.updateObjectStatus({ kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, status: a.status, by }), `status of ${job.metadata.name}`)).ok;
        case 'event':
          await this.event(job as never, a.reason, a.message, a.eventType);
          return true;
        case 'deleteJob':
          return (await this.write(this.api.deleteObject({ kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid, by: 'ttl-after-finished-controller', cause: a.cause }), `deleting ${job.metadata.name}`)).ok;
      }
    });
    if (requeueAfterMs !== undefined) this.enqueueAfter(key, requeueAfterMs + 100);
  }
}
