import { cronJobStrategy, type CronJob, type Job } from '@kubesim/api';
import { reconcileCronJob, rfc1123z, type CronJobAction } from './cronjob.reconcile';

const T0 = Date.parse('2026-01-01T00:00:00Z');
function aCronJob(spec: Record<string, any> = {}, status: CronJob['status'] = {}): CronJob {
  const o = cronJobStrategy.prepare!({
    metadata: { name: 'hello', namespace: 'default', uid: 'uid-hello', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { schedule: '* * * * *', timeZone: 'Etc/UTC', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox:1.28' }], restartPolicy: 'OnFailure' } } } }, ...spec },
  });
  return { apiVersion: 'batch/v1', kind: 'CronJob', ...o, status } as CronJob;
}
function aJobOf(name: string, o: { finished?: 'Complete' | 'Failed'; started?: number } = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: new Date(o.started ?? T0).toISOString(), ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: 'uid-hello', controller: true }] },
    spec: {} as Job['spec'],
    status: { startTime: new Date(o.started ?? T0).toISOString(), ...(o.finished ? { conditions: [{ type: o.finished, status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }], completionTime: '2026-01-01T00:00:30Z' } : {}) },
  };
}
const of = <T extends CronJobAction['type']>(a: CronJobAction[], type: T) => a.filter((x) => x.type === type) as Extract<CronJobAction, { type: T }>[];
const events = (a: CronJobAction[]) => of(a, 'event').map((e) => `${e.reason} ${e.message}`);

describe('CronJob controller', () => {
  it('before the first schedule time: nothing, requeued for it (+100 ms)', () => {
    expect(reconcileCronJob(aCronJob(), [], { now: T0 + 30_000, timeScale: 1 })).toEqual({ actions: [], requeueAfterMs: 30_100 });
  });

  it('at the schedule time: the Job <cronjob>-<minutes since the epoch>, owned by the CronJob, with the scheduled-timestamp annotation; active and lastScheduleTime', () => {
    const { actions, requeueAfterMs } = reconcileCronJob(aCronJob(), [], { now: T0 + 60_500, timeScale: 1 });
    const [create] = of(actions, 'createJob');
    expect(create.job.metadata).toMatchObject({ name: `hello-${(T0 + 60_000) / 60_000}`, annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-01T00:01:00Z' }, ownerReferences: [{ kind: 'CronJob', name: 'hello', uid: 'uid-hello', controller: true }] });
    expect(create.job.spec.template.spec.containers[0].image).toBe('busybox:1.28');
    expect(of(actions, 'status')[0].status).toEqual({ active: [{ kind: 'Job', namespace: 'default', name: 'hello-29453761', apiVersion: 'batch/v1' }], lastScheduleTime: '2026-01-01T00:01:00Z' });
    expect(requeueAfterMs).toBe(59_600);
  });

  it('under time scale 0.1 a minute of the schedule lasts 6 s of the wall clock', () => {
    expect(reconcileCronJob(aCronJob(), [], { now: T0 + 5_000, timeScale: 0.1 }).requeueAfterMs).toBe(1_100);
    const { actions } = reconcileCronJob(aCronJob(), [], { now: T0 + 6_200, timeScale: 0.1 });
    expect(of(actions, 'status')[0].status.lastScheduleTime).toBe('2026-01-01T00:00:06Z');
    // The next sync does not run the same schedule time again.
    const after = aCronJob({}, { lastScheduleTime: '2026-01-01T00:00:06Z' });
    expect(of(reconcileCronJob(after, [], { now: T0 + 7_000, timeScale: 0.1 }).actions, 'createJob')).toEqual([]);
    expect(of(reconcileCronJob(after, [], { now: T0 + 12_100, timeScale: 0.1 }).actions, 'createJob')).toHaveLength(1);
  });

  it('Forbid with a Job running: JobAlreadyActive; Replace: deletes it first', () => {
    const running = aJobOf('hello-1');
    const forbid = reconcileCronJob(aCronJob({ concurrencyPolicy: 'Forbid' }), [running], { now: T0 + 60_500, timeScale: 1 });
    expect(of(forbid.actions, 'createJob')).toEqual([]);
    expect(events(forbid.actions)).toEqual(['JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid']);
    const replace = reconcileCronJob(aCronJob({ concurrencyPolicy: 'Replace' }), [running], { now: T0 + 60_500, timeScale: 1 });
    expect(replace.actions.map((a) => a.type)).toEqual(['deleteJob', 'createJob', 'status']);
  });

  it('a finished Job: SawCompletedJob, out of active, lastSuccessfulTime; history beyond the limits deleted, oldest first', () => {
    const jobs = [1, 2, 3, 4].map((i) => aJobOf(`hello-${i}`, { finished: 'Complete', started: T0 + i * 1000 }));
    const cj = aCronJob({}, { active: [{ kind: 'Job', name: 'hello-4', namespace: 'default', uid: 'uid-hello-4' }], lastScheduleTime: '2026-01-01T00:00:00Z' });
    const { actions } = reconcileCronJob(cj, jobs, { now: T0 + 30_000, timeScale: 1 });
    expect(events(actions)).toEqual(['SawCompletedJob Saw completed job: hello-4, status: Complete']);
    expect(of(actions, 'deleteJob').map((d) => d.message)).toEqual(['Deleted job hello-1']);
    expect(of(actions, 'status')[0].status).toEqual({ lastScheduleTime: '2026-01-01T00:00:00Z', lastSuccessfulTime: '2026-01-01T00:00:30Z' });
  });

  it('suspend: no new Job', () => expect(of(reconcileCronJob(aCronJob({ suspend: true }), [], { now: T0 + 60_500, timeScale: 1 }).actions, 'createJob')).toEqual([]));

  it('startingDeadlineSeconds: a schedule time missed by more is not run', () => {
    const late = reconcileCronJob(aCronJob({ schedule: '0 * * * *', startingDeadlineSeconds: 10 }), [], { now: T0 + 3_600_000 + 30_000, timeScale: 1 });
    expect(of(late.actions, 'createJob')).toEqual([]);
  });

  it('over 100 missed start times: TooManyMissedTimes, and the latest still runs', () => {
    const { actions } = reconcileCronJob(aCronJob(), [], { now: T0 + 200 * 60_000 + 500, timeScale: 1 });
    expect(events(actions)).toEqual(['TooManyMissedTimes too many missed start times: 200. Set or decrease .spec.startingDeadlineSeconds or check clock skew']);
    expect(of(actions, 'createJob')[0].job.metadata.name).toBe(`hello-${(T0 + 200 * 60_000) / 60_000}`);
  });

  it('formats MissSchedule times as RFC1123Z', () => expect(rfc1123z(T0)).toBe('Thu, 01 Jan 2026 00:00:00 +0000'));
});
