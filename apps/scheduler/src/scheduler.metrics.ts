import { Inject, Injectable } from '@nestjs/common';
import { Counter, exponentialBuckets, Gauge, Histogram, Registry } from 'prom-client';

/** Upstream's `result` label values. */
export type AttemptResult = 'scheduled' | 'unschedulable' | 'error';
export type PendingCounts = Record<'active' | 'backoff' | 'unschedulable' | 'gated', number>;

/**
 * kube-scheduler's metrics, under upstream's names and labels: `scheduler_schedule_attempts_total`
 * and `scheduler_scheduling_attempt_duration_seconds` by result and profile, and
 * `scheduler_pending_pods` by queue (read from the scheduling queue at scrape time).
 */
@Injectable()
export class SchedulerMetrics {
  private readonly attempts: Counter<'result' | 'profile'>;
  private readonly duration: Histogram<'result' | 'profile'>;
  private pending: () => PendingCounts = () => ({ active: 0, backoff: 0, unschedulable: 0, gated: 0 });

  constructor(@Inject(Registry) registry: Registry) {
    this.attempts = new Counter({
      name: 'scheduler_schedule_attempts_total',
      help: 'Number of attempts to schedule pods, by the result. \'unschedulable\' means a pod could not be scheduled, while \'error\' means an internal scheduler problem.',
      labelNames: ['result', 'profile'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'scheduler_scheduling_attempt_duration_seconds',
      help: 'Scheduling attempt latency in seconds (scheduling algorithm + binding)',
      labelNames: ['result', 'profile'],
      buckets: exponentialBuckets(0.001, 2, 15),
      registers: [registry],
    });
    const self = this;
    new Gauge({
      name: 'scheduler_pending_pods',
      help: "Number of pending pods, by the queue type. 'active' means number of pods in activeQ; 'backoff' means number of pods in backoffQ; 'unschedulable' means number of pods in unschedulablePods that the scheduler attempted to schedule and failed; 'gated' is the number of unschedulable pods that the scheduler never attempted to schedule because they are gated.",
      labelNames: ['queue'],
      registers: [registry],
      collect() {
        for (const [queue, n] of Object.entries(self.pending())) this.set({ queue }, n);
      },
    });
  }

  /** Where `scheduler_pending_pods` reads the queues' sizes. */
  trackPending(read: () => PendingCounts): void {
    this.pending = read;
  }

  attempt(result: AttemptResult, profile: string, seconds: number): void {
    this.attempts.inc({ result, profile });
    this.duration.observe({ result, profile }, seconds);
  }
}
