import type { WrittenObject } from '@kubesim/api';
import { Inject, Injectable } from '@nestjs/common';
import type { CronJob, Job } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { controllerOf } from '../shared/pod-state';
import { objectKey, QueueController, splitKey } from '../shared/queue-controller';
import { reconcileCronJob } from './cronjob.reconcile';

/** The CronJob controller's shell: requeues each CronJob for its next schedule time, carries out `reconcileCronJob`. */
@Injectable()
export class CronJobController extends QueueController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('cronjob-controller', cluster, api, config);
  }

  protected *keysOf({ object: o }: Change) {
    const owner = controllerOf(o);
    if (o.kind === 'Job' && owner?.kind === 'CronJob') yield objectKey(o.metadata.namespace, owner.name);
    if (o.kind === 'CronJob') yield objectKey(o.metadata.namespace, o.metadata.name);
  }

  protected allKeys() {
    return this.keysOfKind('CronJob');
  }

  protected async sync(key: string) {
    const cj = this.cluster.store.get({ kind: 'CronJob', ...splitKey(key) }) as unknown as CronJob | undefined;
    if (!cj) return;
    const by = this.component;
    const jobs = [...this.cluster.store.list('Job')] as unknown as Job[];
    const { actions, requeueAfterMs } = reconcileCronJob(cj, jobs, { now: Date.now(), timeScale: this.config.timeScale });
    for (const a of actions) {
      switch (a.type) {
        case 'createJob': {
          const r = await this.write(this.api.createObject({ object: a.job as WrittenObject, by, cause: `${cj.metadata.name}'s schedule ${cj.spec.schedule} fell due` }), `creating ${a.job.metadata.name}`);
          if (r.ok) await this.event(cj as never, 'SuccessfulCreate', `Created job ${a.job.metadata.name}`);
          else if (r.status.code !== 409) await this.event(cj as never, 'FailedCreate', `Error creating job: ${r.status.message}`, 'Warning');
          break;
        }
        case 'deleteJob': {
          const { namespace = '', name, uid } = a.job.metadata;
          const r = await this.write(this.api.deleteObject({ kind: 'Job', namespace, name, uid, by, cause: `${cj.metadata.name}: ${a.message}` }), `deleting ${name}`);
          if (r.ok) await this.event(cj as never, 'SuccessfulDelete', a.message);
          break;
        }
        case 'status':
          await this.write(this.api.updateObjectStatus({ kind: 'CronJob', namespace: cj.metadata.namespace, name: cj.metadata.name, status: a.status, by }), `status of ${cj.metadata.name}`);
          break;
        case 'event':
          await this.event(cj as never, a.reason, a.message, a.eventType);
          break;
      }
    }
    if (requeueAfterMs !== undefined) this.enqueueAfter(key, requeueAfterMs);
  }
}
