import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { WorkloadControllers } from './workloads/workload-controllers.service';

/**
 * The controller-manager's metrics: upstream's `workqueue_depth` for the workload controllers'
 * queue (`name="workloads"`: the Deployment, ReplicaSet and DaemonSet keys and the garbage
 * collector waiting to be synced), read at scrape time. Process and projection metrics come with
 * the cluster client.
 */
@Injectable()
export class ControllerManagerMetrics {
  constructor(@Inject(Registry) registry: Registry, @Inject(WorkloadControllers) workloads: WorkloadControllers) {
    // The queue is the controllers' own; the metric only reads its size.
    const queue = (workloads as unknown as { queue: ReadonlySet<string> }).queue;
    new Gauge({
      name: 'workqueue_depth',
      help: 'Current depth of workqueue',
      labelNames: ['name'],
      registers: [registry],
      collect() {
        this.set({ name: 'workloads' }, queue.size);
      },
    });
  }
}
