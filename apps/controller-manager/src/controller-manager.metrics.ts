import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { CronJobController } from './cronjob/cronjob.controller';
import { DaemonSetController } from './daemonset/daemonset.controller';
import { DeploymentController } from './deployment/deployment.controller';
import { GarbageCollector } from './garbage-collector/garbage-collector.controller';
import { JobController } from './job/job.controller';
import { PodGarbageCollector } from './pod-gc/pod-gc.controller';
import { ReplicaSetController } from './replicaset/replicaset.controller';
import { ReplicationControllerManager } from './replicationcontroller/replicationcontroller.controller';

interface Queued {
  readonly depth: number;
  readonly queueName: string;
}

/**
 * The controller-manager's metrics: upstream's `workqueue_depth` per queue-driven controller
 * (`name` = the controller, as its events name it), read at scrape time. Process and projection
 * metrics come with the cluster client.
 */
@Injectable()
export class ControllerManagerMetrics {
  constructor(
    @Inject(Registry) registry: Registry,
    @Inject(ReplicaSetController) rs: ReplicaSetController,
    @Inject(DeploymentController) deploy: DeploymentController,
    @Inject(DaemonSetController) ds: DaemonSetController,
    @Inject(GarbageCollector) gc: GarbageCollector,
    @Inject(PodGarbageCollector) podGc: PodGarbageCollector,
    @Inject(JobController) job: JobController,
    @Inject(CronJobController) cronJob: CronJobController,
    @Inject(ReplicationControllerManager) rc: ReplicationControllerManager,
  ) {
    const queues: Queued[] = [rs, deploy, ds, gc, podGc, job, cronJob, rc];
    new Gauge({
      name: 'workqueue_depth',
      help: 'Current depth of workqueue',
      labelNames: ['name'],
      registers: [registry],
      collect() {
        for (const q of queues) this.set({ name: q.queueName }, q.depth);
      },
    });
  }
}
