import { cronJobStrategy, jobAsCreated, jobStrategy } from './batch-strategies';

const pi = (spec: Record<string, any> = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default', uid: 'u-1' },
  spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34.0' }], restartPolicy: 'Never' } }, backoffLimit: 4, ...spec },
});

describe('Job strategy (SetDefaults_Job, generateSelector, ValidateJob)', () => {
  it('defaults completions and parallelism to 1, completionMode, suspend, podReplacementPolicy, and generates the selector and labels', () => {
    const o = jobStrategy.prepare!(pi());
    expect(o.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 4, completionMode: 'NonIndexed', suspend: false, manualSelector: false, podReplacementPolicy: 'TerminatingOrFailed', selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } } });
    const labels = { 'batch.kubernetes.io/controller-uid': 'u-1', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-1', 'job-name': 'pi' };
    expect(o.spec.template.metadata.labels).toEqual(labels);
    expect(o.metadata.labels).toEqual(labels);
    expect(jobStrategy.validate!(o)).toEqual([]);
  });

  it('defaults backoffLimit to 6, and podReplacementPolicy to Failed with a podFailurePolicy (rule status True)', () => {
    const o = jobStrategy.prepare!(pi({ backoffLimit: undefined, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } }));
    expect(o.spec.backoffLimit).toBe(6);
    expect(o.spec.podReplacementPolicy).toBe('Failed');
    expect(o.spec.podFailurePolicy.rules[0].onPodConditions).toEqual([{ type: 'DisruptionTarget', status: 'True' }]);
  });

  it('leaves completions unset for a work queue (parallelism only)', () => expect(jobStrategy.prepare!(pi({ parallelism: 3 })).spec.completions).toBeUndefined());

  it('refuses the pod default restartPolicy Always with upstream message', () => {
    const o = jobStrategy.prepare!(pi({ template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } }));
    expect(jobStrategy.validate!(o)).toContainEqual({ reason: 'FieldValueNotSupported', message: 'Unsupported value: "Always": supported values: "OnFailure", "Never"', field: 'spec.template.spec.restartPolicy' });
  });

  it('requires completions for an Indexed Job, and refuses negative counts', () => {
    const causes = jobStrategy.validate!(jobStrategy.prepare!(pi({ completionMode: 'Indexed', parallelism: -1 })));
    expect(causes).toContainEqual({ reason: 'FieldValueRequired', message: 'Required value: when completion mode is Indexed', field: 'spec.completions' });
    expect(causes).toContainEqual({ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.parallelism' });
  });

  it('keeps the template immutable on update', () => {
    const old = jobStrategy.prepare!(pi());
    const changed = jobStrategy.prepare!({ ...pi(), spec: { ...old.spec, template: { ...old.spec.template, spec: { ...old.spec.template.spec, containers: [{ name: 'pi', image: 'perl:5.36' }] } } } }, old);
    expect(jobStrategy.validate!(changed, old).map((c) => `${c.field}: ${c.message.split(':').pop()}`)).toEqual(['spec.template:  field is immutable']);
  });
});

describe('CronJob strategy (SetDefaults_CronJob, ValidateCronJob)', () => {
  const hello = (spec: Record<string, any> = {}, name = 'hello') => ({
    metadata: { name, namespace: 'default', uid: 'c-1' },
    spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox:1.28' }], restartPolicy: 'OnFailure' } } } }, ...spec },
  });

  it('defaults concurrencyPolicy Allow, suspend false, history limits 3 and 1', () => {
    const o = cronJobStrategy.prepare!(hello());
    expect(o.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(cronJobStrategy.validate!(o)).toEqual([]);
  });

  it.each([
    [{ schedule: 'every minute' }, 'spec.schedule', 'Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]'],
    [{ schedule: 'TZ=UTC * * * * *' }, 'spec.schedule', 'Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    [{ timeZone: '' }, 'spec.timeZone', 'Invalid value: "": timeZone must be nil or non-empty string'],
    [{ timeZone: 'Mars/Olympus' }, 'spec.timeZone', 'Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
    [{ concurrencyPolicy: 'Sometimes' }, 'spec.concurrencyPolicy', 'Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'],
  ])('refuses %j', (spec, field, message) => expect(cronJobStrategy.validate!(cronJobStrategy.prepare!(hello(spec)))).toContainEqual(expect.objectContaining({ field, message })));

  it('refuses a name longer than 52 characters', () =>
    expect(cronJobStrategy.validate!(cronJobStrategy.prepare!(hello({}, 'x'.repeat(53))))).toContainEqual(expect.objectContaining({ field: 'metadata.name', message: `Invalid value: "${'x'.repeat(53)}": must be no more than 52 characters` })));
});

describe('a stored Job replayed (--resimulate)', () => {
  it('loses the generated selector and controller-uid labels, so the new Job generates its own', () => {
    const stored = jobStrategy.prepare!(pi());
    const again = jobAsCreated({ ...stored, metadata: { ...stored.metadata, ownerReferences: [{ kind: 'CronJob', uid: 'old' }] } });
    expect(again.spec.selector).toBeUndefined();
    expect(again.spec.template.metadata.labels).toEqual({ 'batch.kubernetes.io/job-name': 'pi', 'job-name': 'pi' });
    expect(again.metadata.ownerReferences).toBeUndefined();
    const recreated = jobStrategy.prepare!({ ...again, metadata: { ...again.metadata, uid: 'u-2' } });
    expect(jobStrategy.validate!(recreated)).toEqual([]);
    expect(recreated.spec.selector.matchLabels).toEqual({ 'batch.kubernetes.io/controller-uid': 'u-2' });
  });
});
