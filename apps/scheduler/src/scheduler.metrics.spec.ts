import { parsePrometheusText, samplesOf } from '@kubesim/testing';
import { Registry } from 'prom-client';
import { SchedulerMetrics } from './scheduler.metrics';

describe("SchedulerMetrics: kube-scheduler's metric names and labels", () => {
  it('counts and times attempts by result and profile, and reads the queues at scrape time', async () => {
    const registry = new Registry();
    const m = new SchedulerMetrics(registry);
    let active = 3;
    m.trackPending(() => ({ active, backoff: 1, unschedulable: 2, gated: 0 }));
    m.attempt('scheduled', 'default-scheduler', 0.004);
    m.attempt('scheduled', 'default-scheduler', 0.02);
    m.attempt('unschedulable', 'default-scheduler', 0.001);
    active = 5;
    const e = parsePrometheusText(await registry.metrics());
    const profile = { profile: 'default-scheduler' };
    expect(samplesOf(e, 'scheduler_schedule_attempts_total', { ...profile, result: 'scheduled' })[0].value).toBe(2);
    expect(samplesOf(e, 'scheduler_schedule_attempts_total', { ...profile, result: 'unschedulable' })[0].value).toBe(1);
    expect(samplesOf(e, 'scheduler_scheduling_attempt_duration_seconds_bucket', { ...profile, result: 'scheduled', le: '0.008' })[0].value).toBe(1);
    expect(samplesOf(e, 'scheduler_scheduling_attempt_duration_seconds_count', { ...profile, result: 'scheduled' })[0].value).toBe(2);
    expect(Object.fromEntries(samplesOf(e, 'scheduler_pending_pods').map((s) => [s.labels.queue, s.value]))).toEqual({ active: 5, backoff: 1, unschedulable: 2, gated: 0 });
  });
});
