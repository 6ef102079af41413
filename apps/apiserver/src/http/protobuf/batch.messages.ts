import { field, msg, msgs, opaque, ptr, str, type MessageSpec } from './field-spec';

/**
 * k8s.io/api/batch/v1 `generated.proto`: Job and CronJob, what `kubectl create job|cronjob` and
 * `kubectl create job --from=cronjob/x` send. Pod failure and success policies are not decoded (a
 * protobuf body with one is refused with 415; JSON and YAML carry them).
 */
export const BATCH_MESSAGES: Record<string, MessageSpec> = {
  Job: { 1: msg('metadata', 'ObjectMeta'), 2: msg('spec', 'JobSpec'), 3: msg('status', 'JobStatus') },
  JobSpec: {
    1: ptr('parallelism', 'int32'),
    2: ptr('completions', 'int32'),
    3: ptr('activeDeadlineSeconds', 'int64'),
    11: opaque('podFailurePolicy', 'PodFailurePolicy'),
    16: opaque('successPolicy', 'SuccessPolicy'),
    7: ptr('backoffLimit', 'int32'),
    12: ptr('backoffLimitPerIndex', 'int32'),
    13: ptr('maxFailedIndexes', 'int32'),
    4: msg('selector', 'LabelSelector'),
    5: ptr('manualSelector', 'bool'),
    6: msg('template', 'PodTemplateSpec'),
    8: ptr('ttlSecondsAfterFinished', 'int32'),
    9: ptr('completionMode', 'string'),
    10: ptr('suspend', 'bool'),
    14: ptr('podReplacementPolicy', 'string'),
    15: ptr('managedBy', 'string'),
  },
  JobStatus: {
    1: msgs('conditions', 'JobCondition'),
    2: field('startTime', 'time'),
    3: field('completionTime', 'time'),
    4: field('active', 'int32'),
    5: field('succeeded', 'int32'),
    6: field('failed', 'int32'),
    11: ptr('terminating', 'int32'),
    7: ptr('completedIndexes', 'string'),
    10: ptr('failedIndexes', 'string'),
    9: ptr('ready', 'int32'),
  },
  JobCondition: { 1: str('type'), 2: str('status'), 3: field('lastProbeTime', 'time'), 4: field('lastTransitionTime', 'time'), 5: str('reason'), 6: str('message') },
  CronJob: { 1: msg('metadata', 'ObjectMeta'), 2: msg('spec', 'CronJobSpec'), 3: msg('status', 'CronJobStatus') },
  CronJobSpec: {
    1: str('schedule'),
    8: ptr('timeZone', 'string'),
    2: ptr('startingDeadlineSeconds', 'int64'),
    3: str('concurrencyPolicy'),
    4: ptr('suspend', 'bool'),
    5: msg('jobTemplate', 'JobTemplateSpec'),
    6: ptr('successfulJobsHistoryLimit', 'int32'),
    7: ptr('failedJobsHistoryLimit', 'int32'),
  },
  CronJobStatus: { 1: msgs('active', 'ObjectReference'), 4: field('lastScheduleTime', 'time'), 5: field('lastSuccessfulTime', 'time') },
  JobTemplateSpec: { 1: msg('metadata', 'ObjectMeta'), 2: msg('spec', 'JobSpec') },
};
