import type { CronJob, Job, PodTemplateSpec } from '@kubesim/api';
import { AGE_DESCRIPTION, column, NAME_DESCRIPTION, NONE, type Columns } from './columns';
import { humanDuration, humanDurationSince, parseTime } from './human-duration';
import { formatLabelSelector } from './selector-format';

const containers = (t: PodTemplateSpec | undefined) => (t?.spec?.containers ?? []).map((c) => c.name).join(',');
const images = (t: PodTemplateSpec | undefined) => (t?.spec?.containers ?? []).map((c) => c.image).join(',');
const CONTAINERS = column('Containers', 'Names of each container in the template.', { priority: 1 });
const IMAGES = column('Images', 'Images referenced by each container in the template.', { priority: 1 });

/** `kubectl get jobs` (1.32): NAME STATUS COMPLETIONS DURATION AGE (+ CONTAINERS IMAGES SELECTOR). */
export const jobColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Status', 'Status of the job.'),
  column('Completions', 'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.'),
  column('Duration', 'Time required to complete the job.'),
  column('Age', AGE_DESCRIPTION),
  CONTAINERS,
  IMAGES,
  column('Selector', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', { priority: 1 }),
];

const hasCondition = (j: Job, type: string) => Boolean(j.status?.conditions?.some((c) => c.type === type && c.status === 'True'));

/** printJob's STATUS: Complete, Failed, Terminating, Suspended, FailureTarget, else Running. */
export function jobStatus(j: Job): string {
  if (hasCondition(j, 'Complete')) return 'Complete';
  if (hasCondition(j, 'Failed')) return 'Failed';
  if (j.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(j, 'Suspended')) return 'Suspended';
  if (hasCondition(j, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

export function jobCompletions(j: Job): string {
  const succeeded = j.status?.succeeded ?? 0;
  if (j.spec.completions != null) return `${succeeded}/${j.spec.completions}`;
  return (j.spec.parallelism ?? 0) > 1 ? `${succeeded}/1 of ${j.spec.parallelism}` : `${succeeded}/1`;
}

export function jobDuration(j: Job, now: number): string {
  const start = parseTime(j.status?.startTime);
  if (start === undefined) return '';
  const end = parseTime(j.status?.completionTime);
  return humanDuration((end ?? now) - start);
}

export function jobRow(j: Job, now: number): string[] {
  return [j.metadata.name, jobStatus(j), jobCompletions(j), jobDuration(j, now), humanDurationSince(j.metadata.creationTimestamp, now), containers(j.spec.template), images(j.spec.template), formatLabelSelector(j.spec.selector)];
}

/** `kubectl get cronjobs`: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE (+ CONTAINERS IMAGES SELECTOR). */
export const cronJobColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Schedule', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
  column('Timezone', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones'),
  column('Suspend', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.', { type: 'boolean' }),
  column('Active', 'A list of pointers to currently running jobs.', { type: 'integer' }),
  column('Last Schedule', 'Information when was the last time the job was successfully scheduled.'),
  column('Age', AGE_DESCRIPTION),
  CONTAINERS,
  IMAGES,
  column('Selector', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', { priority: 1 }),
];

export function cronJobRow(c: CronJob, now: number): string[] {
  const t = c.spec.jobTemplate?.spec;
  return [
    c.metadata.name,
    c.spec.schedule,
    c.spec.timeZone ?? NONE,
    c.spec.suspend ? 'True' : 'False',
    String(c.status?.active?.length ?? 0),
    c.status?.lastScheduleTime ? humanDurationSince(c.status.lastScheduleTime, now) : NONE,
    humanDurationSince(c.metadata.creationTimestamp, now),
    containers(t?.template),
    images(t?.template),
    formatLabelSelector(t?.selector),
  ];
}
