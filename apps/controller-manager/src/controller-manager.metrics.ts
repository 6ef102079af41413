import { Gauge, type Registry } from 'prom-client';

/** What a queue-driven controller shows of its queue (QueueController). */
export interface Queued {
  readonly depth: number;
  readonly queueName: string;
}

const isQueued = (c: unknown): c is Queued => typeof (c as Queued).queueName === 'string' && typeof (c as Queued).depth === 'number';

/**
 * The controller-manager's metrics: upstream's `workqueue_depth` per queue-driven controller
 * (`name` = the controller, as its events name it), read at scrape time; every controller of the
 * module's list that has a queue is one series. Process and projection metrics come with the
 * cluster client.
 */
export class ControllerManagerMetrics {
  constructor(registry: Registry, controllers: readonly unknown[]) {
    const queues = controllers.filter(isQueued);
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
