import type { CronJob, Job } from '@kubesim/api';
import { cronJobRow, jobRow } from './batch.printer';

const T = Date.parse('2026-01-01T00:00:00Z');
const job = (spec: Partial<Job['spec']>, status: Job['status'], deleting = false) =>
  ({ metadata: { name: 'pi', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', ...(deleting ? { deletionTimestamp: '2026-01-01T00:01:00Z' } : {}) }, spec: { parallelism: 1, completions: 1, template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34.0' }] } }, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } }, ...spec }, status }) as unknown as Job;
const cond = (type: string) => ({ type, status: 'True' as const, lastTransitionTime: '2026-01-01T00:00:25Z' });

describe('kubectl get jobs', () => {
  it('a completed pi: Complete 1/1, the duration start → completion', () =>
    expect(jobRow(job({}, { succeeded: 1, startTime: '2026-01-01T00:00:00Z', completionTime: '2026-01-01T00:00:25Z', conditions: [cond('SuccessCriteriaMet'), cond('Complete')] }), T + 40_000).slice(0, 5)).toEqual(['pi', 'Complete', '1/1', '25s', '40s']));
  it.each([
    ['Running', job({}, { startTime: '2026-01-01T00:00:00Z', active: 1 })],
    ['Failed', job({}, { conditions: [cond('FailureTarget'), cond('Failed')] })],
    ['FailureTarget', job({}, { conditions: [cond('FailureTarget')] })],
    ['Suspended', job({}, { conditions: [cond('Suspended')] })],
    ['Terminating', job({}, {}, true)],
  ])('STATUS %s', (status, j) => expect(jobRow(j, T)[1]).toBe(status));
  it('COMPLETIONS of a work queue', () => expect([jobRow(job({ completions: null, parallelism: 3 }, { succeeded: 1 }), T)[2], jobRow(job({ completions: null }, {}), T)[2]]).toEqual(['1/1 of 3', '0/1']));
  it('no DURATION before the start; wide: containers, images, selector', () => expect(jobRow(job({}, {}), T).slice(3)).toEqual(['', '0s', 'pi', 'perl:5.34.0', 'batch.kubernetes.io/controller-uid=u']));
});

describe('kubectl get cronjobs', () => {
  it('NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE', () => {
    const cj = { metadata: { name: 'hello', creationTimestamp: '2026-01-01T00:00:00Z' }, spec: { schedule: '* * * * *', suspend: false, jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox:1.28' }] } } } } }, status: { active: [{ kind: 'Job', name: 'hello-1' }], lastScheduleTime: '2026-01-01T00:04:32Z' } } as unknown as CronJob;
    expect(cronJobRow(cj, T + 300_000).slice(0, 7)).toEqual(['hello', '* * * * *', '<none>', 'False', '1', '28s', '5m']);
    expect(cronJobRow({ ...cj, status: {} }, T).slice(4, 6)).toEqual(['0', '<none>']);
  });
});
