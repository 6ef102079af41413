import { ALL_VERBS, type ResourceDeclaration } from './resource';

const batch = { group: 'batch', version: 'v1', protobuf: true, namespaced: true, categories: ['all'], verbs: ALL_VERBS, subresources: ['status'], storage: 'generic' } as const;

/** `batch/v1`: Jobs and CronJobs (their controllers are in apps/controller-manager `job/`, `cronjob/`). */
export const BATCH_RESOURCES = [
  { ...batch, kind: 'CronJob', plural: 'cronjobs', singular: 'cronjob', shortNames: ['cj'] },
  { ...batch, kind: 'Job', plural: 'jobs', singular: 'job', selectableFields: { 'status.successful': (o: any) => String(o.status?.succeeded ?? 0) } },
] as const satisfies readonly ResourceDeclaration[];
