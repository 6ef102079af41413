import {
  CronScheduleError,
  isKnownTimeZone,
  parseCronSchedule,
} from '../cron-schedule';
import { JOB_CONTROLLER_UID, JOB_NAME, LEGACY_CONTROLLER_UID, LEGACY_JOB_NAME } from '../batch';
import { defaultPodTemplate } from '../defaults';
import type { StatusCause } from '../types';
import { podSemanticCauses, validateDto } from '../validate';
import { PodTemplateDto } from '../workload.dto';
import type { PlainStrategy } from './plain-strategies';
import { invalid, required, unsupported } from '../field-causes';

type Obj = Record<string, any>;


const nonNegative = (spec: Obj, fields: string[], prefix: string): StatusCause[] =>
  fields.filter((f) => spec[f] !== undefined && spec[f] !== null && !(Number.isInteger(spec[f]) && spec[f] >= 0)).map((f) => invalid(`${prefix}.${f}`, spec[f], 'must be greater than or equal to 0'));

/** SetDefaults_Job (batch/v1 defaults.go). */
export function defaultJobSpec(spec: Obj): Obj {
  const out: Obj = { ...spec };
  if (out.completions == null && out.parallelism == null) {
    out.completions = 1;
    out.parallelism = 1;
  }
  out.parallelism ??= 1;
  out.backoffLimit ??= out.backoffLimitPerIndex != null ? 2147483647 : 6;
  out.completionMode ??= 'NonIndexed';
  out.suspend ??= false;
  out.manualSelector ??= false;
  if (out.podFailurePolicy?.rules) {
    out.podFailurePolicy = {
      ...out.podFailurePolicy,
      rules: out.podFailurePolicy.rules.map((r: Obj) => (r.onPodConditions ? { ...r, onPodConditions: r.onPodConditions.map((c: Obj) => ({ ...c, status: c.status || 'True' })) } : r)),
    };
  }
  out.podReplacementPolicy ??= out.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  out.template = defaultPodTemplate(out.template);
  return out;
}

/** generateSelector (registry/batch/job/strategy.go): the job-name and controller-uid labels and the selector on them. */
function generateSelector(spec: Obj, name: string, uid: string): Obj {
  const labels = { ...(spec.template?.metadata?.labels ?? {}) };
  for (const k of [LEGACY_JOB_NAME, JOB_NAME]) labels[k] ??= name;
  for (const k of [LEGACY_CONTROLLER_UID, JOB_CONTROLLER_UID]) labels[k] ??= uid;
  const matchLabels = { ...(spec.selector?.matchLabels ?? {}) };
  matchLabels[JOB_CONTROLLER_UID] ??= uid;
  return { ...spec, selector: { ...(spec.selector ?? {}), matchLabels }, template: { ...spec.template, metadata: { ...(spec.template?.metadata ?? {}), labels } } };
}

const matches = (selector: Obj | undefined, labels: Obj | undefined) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v);

/** The pod template's rules for a Job: a valid template, restartPolicy Never or OnFailure. */
function jobTemplateCauses(template: Obj | undefined, prefix: string): StatusCause[] {
  if (!template || typeof template !== 'object') return [required(prefix)];
  const causes = [...validateDto(PodTemplateDto, template, prefix), ...podSemanticCauses(template.spec ?? {}, `${prefix}.spec`)];
  const rp = template.spec?.restartPolicy;
  if (rp !== 'Never' && rp !== 'OnFailure') causes.push(unsupported(`${prefix}.spec.restartPolicy`, rp, ['OnFailure', 'Never']));
  return causes;
}

function jobSpecCauses(spec: Obj, prefix: string): StatusCause[] {
  const causes = [...nonNegative(spec, ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'], prefix), ...jobTemplateCauses(spec.template, `${prefix}.template`)];
  if (spec.completionMode !== undefined && spec.completionMode !== 'NonIndexed' && spec.completionMode !== 'Indexed') causes.push(unsupported(`${prefix}.completionMode`, spec.completionMode, ['NonIndexed', 'Indexed']));
  if (spec.completionMode === 'Indexed' && spec.completions == null) causes.push(required(`${prefix}.completions`, 'when completion mode is Indexed'));
  if (spec.completionMode !== 'Indexed') {
    for (const f of ['backoffLimitPerIndex', 'maxFailedIndexes', 'successPolicy']) if (spec[f] != null) causes.push(invalid(`${prefix}.${f}`, spec[f], 'requires indexed completion mode'));
  }
  if (spec.podReplacementPolicy !== undefined && !['TerminatingOrFailed', 'Failed'].includes(spec.podReplacementPolicy)) causes.push(unsupported(`${prefix}.podReplacementPolicy`, spec.podReplacementPolicy, ['Failed', 'TerminatingOrFailed']));
  if (spec.podFailurePolicy) {
    const rp = spec.template?.spec?.restartPolicy;
    if (rp !== 'Never') causes.push(invalid(`${prefix}.template.spec.restartPolicy`, rp, 'only "Never" is supported when podFailurePolicy is specified'));
    if (spec.podReplacementPolicy && spec.podReplacementPolicy !== 'Failed') causes.push(unsupported(`${prefix}.podReplacementPolicy`, spec.podReplacementPolicy, ['Failed']));
    (spec.podFailurePolicy.rules ?? []).forEach((r: Obj, i: number) => {
      if (!['FailJob', 'FailIndex', 'Ignore', 'Count'].includes(r.action)) causes.push(unsupported(`${prefix}.podFailurePolicy.rules[${i}].action`, r.action, ['Count', 'FailIndex', 'FailJob', 'Ignore']));
      if (!r.onExitCodes === !r.onPodConditions) causes.push(invalid(`${prefix}.podFailurePolicy.rules[${i}]`, 'specifying one of OnExitCodes and OnPodConditions is required', 'specifying one of OnExitCodes and OnPodConditions is required'));
    });
  }
  return causes;
}

const immutable = (o: Obj, old: Obj | undefined, fields: string[], prefix: string): StatusCause[] =>
  old ? fields.filter((f) => JSON.stringify(o.spec?.[f]) !== JSON.stringify(old.spec?.[f])).map((f) => invalid(`${prefix}.${f}`, o.spec?.[f], 'field is immutable')) : [];

/** kube-apiserver's Job strategy: defaults, the generated selector and labels, ValidateJob. */
export const jobStrategy: PlainStrategy = {
  prepare(o, old) {
    let spec = defaultJobSpec(o.spec ?? {});
    if (old && !spec.selector) spec.selector = old.spec?.selector;
    if (!spec.manualSelector) spec = generateSelector(spec, o.metadata?.name ?? '', old?.metadata?.uid ?? o.metadata?.uid ?? '');
    const labels = o.metadata?.labels && Object.keys(o.metadata.labels).length ? o.metadata.labels : spec.template?.metadata?.labels;
    return { ...o, metadata: { ...o.metadata, ...(labels ? { labels } : {}) }, spec };
  },
  validate(o, old) {
    const spec: Obj = o.spec ?? {};
    const causes = jobSpecCauses(spec, 'spec');
    if (!spec.selector) causes.push(required('spec.selector'));
    else if (!matches(spec.selector, spec.template?.metadata?.labels)) causes.push(invalid('spec.template.metadata.labels', spec.template?.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
    if (!spec.manualSelector && spec.selector && spec.selector.matchLabels?.[JOB_CONTROLLER_UID] !== (old?.metadata?.uid ?? o.metadata?.uid)) causes.push(invalid('spec.selector', spec.selector, '`selector` not auto-generated'));
    // A suspended Job that never started may change its template (scheduling directives); kept simple: only the template of a suspended Job.
    const fixed = old?.spec?.suspend ? ['selector', 'completionMode'] : ['selector', 'template', 'completionMode'];
    return [...causes, ...immutable(o, old, fixed, 'spec')];
  },
};

/** kube-apiserver's CronJob strategy: SetDefaults_CronJob and ValidateCronJob. */
export const cronJobStrategy: PlainStrategy = {
  prepare(o) {
    const spec: Obj = { ...(o.spec ?? {}) };
    spec.concurrencyPolicy ||= 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    if (spec.jobTemplate?.spec) spec.jobTemplate = { ...spec.jobTemplate, spec: { ...spec.jobTemplate.spec, template: defaultPodTemplate(spec.jobTemplate.spec.template) } };
    return { ...o, spec };
  },
  validate(o) {
    const spec: Obj = o.spec ?? {};
    const causes: StatusCause[] = [];
    const name = o.metadata?.name;
    if (typeof name === 'string' && name.length > 52) causes.push(invalid('metadata.name', name, 'must be no more than 52 characters'));
    if (spec.timeZone === '') causes.push(invalid('spec.timeZone', '', 'timeZone must be nil or non-empty string'));
    else if (typeof spec.timeZone === 'string' && !isKnownTimeZone(spec.timeZone)) causes.push(invalid('spec.timeZone', spec.timeZone, `unknown time zone ${spec.timeZone}`));
    if (!spec.schedule) causes.push(required('spec.schedule'));
    else if (/TZ/.test(spec.schedule)) causes.push(invalid('spec.schedule', spec.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    else {
      try {
        parseCronSchedule(spec.schedule);
      } catch (e) {
        if (!(e instanceof CronScheduleError)) throw e;
        causes.push(invalid('spec.schedule', spec.schedule, e.message));
      }
    }
    if (!['Allow', 'Forbid', 'Replace'].includes(spec.concurrencyPolicy)) causes.push(unsupported('spec.concurrencyPolicy', spec.concurrencyPolicy, ['Allow', 'Forbid', 'Replace']));
    causes.push(...nonNegative(spec, ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'], 'spec'));
    if (!spec.jobTemplate?.spec) causes.push(required('spec.jobTemplate.spec'));
    else causes.push(...jobSpecCauses(spec.jobTemplate.spec, 'spec.jobTemplate.spec'));
    return causes;
  },
};

/**
 * A stored Job as a user would create it again: without the selector and controller-uid labels
 * the apiserver generated for its old uid (a new Job gets its own), and without owner references
 * to objects of another run (`kubectl create job --from=cronjob/x`). What `--resimulate` replays.
 */
export function jobAsCreated(o: Obj): Obj {
  if (o.kind !== 'Job' || o.spec?.manualSelector) return o;
  const strip = (labels: Obj | undefined) => {
    if (!labels) return labels;
    const { [LEGACY_CONTROLLER_UID]: _a, [JOB_CONTROLLER_UID]: _b, ...rest } = labels;
    return rest;
  };
  const { selector: _s, ...spec } = o.spec ?? {};
  const { ownerReferences: _o, ...metadata } = o.metadata ?? {};
  return { ...o, metadata: { ...metadata, labels: strip(metadata.labels) }, spec: { ...spec, template: { ...spec.template, metadata: { ...(spec.template?.metadata ?? {}), labels: strip(spec.template?.metadata?.labels) } } } };
}
