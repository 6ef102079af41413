import { CRONJOB_SCHEDULED_TIMESTAMP, isKnownTimeZone, parseCronSchedule, rfc3339, type CronJob, type Job, type ObjectReference } from '@kubesim/api';
import { ownerReference } from '../shared/owner';
import { controllerOf } from '../shared/pod-state';
import { scaledClock } from './scaled-clock';

export type CronJobAction =
  | { type: 'createJob'; job: Record<string, any> }
  | { type: 'deleteJob'; job: Job; message: string }
  | { type: 'status'; status: CronJob['status'] }
  | { type: 'event'; eventType: 'Normal' | 'Warning'; reason: string; message: string };

export interface CronJobDecision {
  actions: CronJobAction[];
  /** Real ms until the next schedule time (+100 ms, as upstream requeues). */
  requeueAfterMs?: number;
}

export interface CronJobContext {
  now: number;
  timeScale: number;
}

/** upstream gives up listing missed start times past this many. */
export const MAX_MISSED_TIMES = 100;

const finishedAs = (j: Job): 'Complete' | 'Failed' | undefined =>
  j.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type as 'Complete' | 'Failed' | undefined;

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const day = d.toUTCString().slice(0, 3);
  const month = d.toUTCString().slice(8, 11);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${p(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

const jobRef = (j: { metadata: { name: string; namespace?: string; uid: string; resourceVersion?: string } }): ObjectReference => ({ kind: 'Job', namespace: j.metadata.namespace, name: j.metadata.name, uid: j.metadata.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata.resourceVersion });

/**
 * One CronJob sync (pure; cronjob_controllerv2.go syncCronJob): bookkeeping of its active Jobs, the
 * most recent unmet schedule time (on the scaled clock), startingDeadlineSeconds, concurrencyPolicy,
 * the Job `<cronjob>-<minutes since the epoch>`, then the history limits.
 */
export function reconcileCronJob(cj: CronJob, jobs: readonly Job[], ctx: CronJobContext): CronJobDecision {
  const actions: CronJobAction[] = [];
  const event = (eventType: 'Normal' | 'Warning', reason: string, message: string) => actions.push({ type: 'event', eventType, reason, message });
  const mine = jobs.filter((j) => j.metadata.namespace === cj.metadata.namespace && controllerOf(j)?.uid === cj.metadata.uid);
  const byUid = new Map(mine.map((j) => [j.metadata.uid, j]));
  const old = cj.status ?? {};
  let active: ObjectReference[] = [];
  let lastSuccessfulTime = old.lastSuccessfulTime;
  for (const ref of old.active ?? []) {
    const j = byUid.get(ref.uid ?? '') ?? mine.find((x) => x.metadata.name === ref.name);
    if (!j) event('Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
    else if (finishedAs(j)) {
      event('Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${finishedAs(j)}`);
      if (finishedAs(j) === 'Complete' && j.status.completionTime) lastSuccessfulTime = j.status.completionTime;
    } else active.push(jobRef(j));
  }
  for (const j of mine) if (!finishedAs(j) && !active.some((r) => r.uid === j.metadata.uid)) active.push(jobRef(j));
  let lastScheduleTime = old.lastScheduleTime;
  let requeueAfterMs: number | undefined;

  const schedule = (() => {
    if (cj.spec.timeZone && !isKnownTimeZone(cj.spec.timeZone)) {
      event('Warning', 'UnknownTimeZone', `invalid timeZone: "${cj.spec.timeZone}": unknown time zone ${cj.spec.timeZone}`);
      return undefined;
    }
    try {
      return parseCronSchedule(cj.spec.schedule, cj.spec.timeZone);
    } catch (e) {
      event('Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec.schedule}" : ${(e as Error).message}`);
      return undefined;
    }
  })();

  if (schedule && !cj.metadata.deletionTimestamp) {
    const clock = scaledClock(Date.parse(cj.metadata.creationTimestamp), ctx.timeScale);
    const vnow = clock.toSchedule(ctx.now);
    // lastScheduleTime is stored to the second: on the scaled clock that is ±0.5 s / scale.
    const tolerance = 1000 / ctx.timeScale;
    let earliest = lastScheduleTime ? clock.toSchedule(Date.parse(lastScheduleTime)) + tolerance : Date.parse(cj.metadata.creationTimestamp);
    if (cj.spec.startingDeadlineSeconds != null) earliest = Math.max(earliest, vnow - cj.spec.startingDeadlineSeconds * 1000);
    let scheduled: number | undefined;
    let missed = 0;
    for (let t = schedule.next(earliest); t <= vnow && missed <= 10_000; t = schedule.next(t)) {
      scheduled = t;
      missed++;
    }
    if (missed > MAX_MISSED_TIMES) event('Warning', 'TooManyMissedTimes', `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
    requeueAfterMs = clock.toReal(schedule.next(vnow)) - ctx.now + 100;
    if (scheduled !== undefined && !cj.spec.suspend) {
      const name = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
      const tooLate = cj.spec.startingDeadlineSeconds != null && scheduled + cj.spec.startingDeadlineSeconds * 1000 < vnow;
      if (tooLate) event('Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      else if (mine.some((j) => j.metadata.name === name)) {
        // The name is the lock: this schedule time already has its Job.
      } else if (cj.spec.concurrencyPolicy === 'Forbid' && active.length > 0) {
        event('Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      } else {
        if (cj.spec.concurrencyPolicy === 'Replace') {
          for (const ref of active) {
            const j = byUid.get(ref.uid ?? '');
            if (j) actions.push({ type: 'deleteJob', job: j, message: `Deleted job ${j.metadata.name}` });
          }
          active = [];
        }
        const t = cj.spec.jobTemplate;
        const job = {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            name,
            namespace: cj.metadata.namespace,
            labels: { ...(t.metadata?.labels ?? {}) },
            annotations: { ...(t.metadata?.annotations ?? {}), [CRONJOB_SCHEDULED_TIMESTAMP]: rfc3339(scheduled) },
            ownerReferences: [ownerReference(cj)],
          },
          spec: structuredClone(t.spec),
        };
        actions.push({ type: 'createJob', job });
        active.push({ kind: 'Job', namespace: cj.metadata.namespace, name, apiVersion: 'batch/v1' });
        lastScheduleTime = rfc3339(clock.toReal(scheduled));
      }
    }
  }

  // History limits: the oldest finished Jobs beyond them are deleted.
  const byStart = (a: Job, b: Job) => Date.parse(a.status?.startTime ?? a.metadata.creationTimestamp) - Date.parse(b.status?.startTime ?? b.metadata.creationTimestamp);
  for (const [kind, limit] of [['Complete', cj.spec.successfulJobsHistoryLimit], ['Failed', cj.spec.failedJobsHistoryLimit]] as const) {
    const done = mine.filter((j) => finishedAs(j) === kind && !j.metadata.deletionTimestamp).sort(byStart);
    for (const j of done.slice(0, Math.max(0, done.length - (limit ?? (kind === 'Complete' ? 3 : 1))))) actions.push({ type: 'deleteJob', job: j, message: `Deleted job ${j.metadata.name}` });
  }

  const status: CronJob['status'] = {
    ...(active.length ? { active } : {}),
    ...(lastScheduleTime ? { lastScheduleTime } : {}),
    ...(lastSuccessfulTime ? { lastSuccessfulTime } : {}),
  };
  // A Job created in this sync has no uid yet in its ref: the next sync fills it in.
  if (JSON.stringify(status) !== JSON.stringify(old)) actions.push({ type: 'status', status });
  return { actions, ...(requeueAfterMs !== undefined ? { requeueAfterMs } : {}) };
}
