import type { ObjectMeta, ObjectReference } from './types';
import type { LabelSelector, PodTemplateSpec, WorkloadCondition } from './workloads';

type Namespaced = ObjectMeta & { namespace: string };

/** batch/v1 label and annotation names (api: batch/v1/types.go). */
export const JOB_CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';
export const LEGACY_CONTROLLER_UID = 'controller-uid';
export const JOB_NAME = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_NAME = 'job-name';
export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
export const JOB_INDEX_FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';
export const JOB_INDEX_IGNORED_FAILURE_COUNT = 'batch.kubernetes.io/job-index-ignored-failure-count';
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const CRONJOB_SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export type PodFailurePolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface PodFailurePolicyRule {
  action: PodFailurePolicyAction;
  onExitCodes?: { containerName?: string; operator: 'In' | 'NotIn'; values: number[] };
  onPodConditions?: { type: string; status?: 'True' | 'False' | 'Unknown' }[];
}

export interface JobSpec {
  parallelism: number;
  completions?: number | null;
  backoffLimit: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  completionMode: 'NonIndexed' | 'Indexed';
  suspend: boolean;
  manualSelector?: boolean;
  podReplacementPolicy: 'TerminatingOrFailed' | 'Failed';
  podFailurePolicy?: { rules: PodFailurePolicyRule[] };
  successPolicy?: { rules: { succeededIndexes?: string; succeededCount?: number }[] };
  managedBy?: string;
  selector: LabelSelector;
  template: PodTemplateSpec;
}

export interface JobStatus {
  active?: number;
  ready?: number;
  terminating?: number;
  succeeded?: number;
  failed?: number;
  startTime?: string;
  completionTime?: string;
  completedIndexes?: string;
  failedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
  conditions?: (WorkloadCondition & { lastProbeTime?: string })[];
}

export interface Job {
  apiVersion: 'batch/v1';
  kind: 'Job';
  metadata: Namespaced;
  spec: JobSpec;
  status: JobStatus;
}

export interface CronJob {
  apiVersion: 'batch/v1';
  kind: 'CronJob';
  metadata: Namespaced;
  spec: {
    schedule: string;
    timeZone?: string;
    startingDeadlineSeconds?: number;
    concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace';
    suspend: boolean;
    successfulJobsHistoryLimit: number;
    failedJobsHistoryLimit: number;
    jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Partial<JobSpec> & { template: PodTemplateSpec } };
  };
  status: { active?: ObjectReference[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}
