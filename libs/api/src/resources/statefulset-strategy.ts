import { defaultPodTemplate } from '../defaults';
import type { StatusCause } from '../types';
import { podSemanticCauses, validateDto } from '../validate';
import { PodTemplateDto } from '../workload.dto';
import type { PlainStrategy } from './plain-strategies';
import { invalid, required, unsupported } from '../field-causes';

type Obj = Record<string, any>;


/** A claim template as stored (SetDefaults_StatefulSet → SetDefaults_PersistentVolumeClaim): kind, Filesystem, phase Pending. */
function defaultClaimTemplate(c: Obj): Obj {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', ...c, spec: { ...(c.spec ?? {}), volumeMode: c.spec?.volumeMode ?? 'Filesystem' }, status: { phase: 'Pending', ...(c.status ?? {}) } };
}

/** SetDefaults_StatefulSet (apps/v1 defaults.go). */
export function defaultStatefulSetSpec(spec: Obj): Obj {
  const out: Obj = { ...spec };
  out.replicas ??= 1;
  out.podManagementPolicy ||= 'OrderedReady';
  const strategy: Obj = out.updateStrategy?.type ? { ...out.updateStrategy } : { type: 'RollingUpdate', ...(out.updateStrategy ?? {}) };
  if (strategy.type === 'RollingUpdate') strategy.rollingUpdate = { partition: 0, ...(strategy.rollingUpdate ?? {}) };
  out.updateStrategy = strategy;
  out.revisionHistoryLimit ??= 10;
  out.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Retain', whenScaled: 'Retain', ...(out.persistentVolumeClaimRetentionPolicy ?? {}) };
  if (Array.isArray(out.volumeClaimTemplates)) out.volumeClaimTemplates = out.volumeClaimTemplates.map(defaultClaimTemplate);
  out.template = defaultPodTemplate(out.template);
  return out;
}

/** JSON with sorted keys: equal specs compare equal whatever order a patch left their keys in. */
const sorted = (v: unknown): string =>
  Array.isArray(v) ? `[${v.map(sorted).join(',')}]` : v && typeof v === 'object' ? `{${Object.keys(v).filter((k) => (v as Obj)[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${sorted((v as Obj)[k])}`).join(',')}}` : JSON.stringify(v);

const matches = (selector: Obj | undefined, labels: Obj | undefined) => Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v);
const RETENTION = ['Retain', 'Delete'];
/** The spec fields ValidateStatefulSetUpdate lets change. */
const MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds', 'revisionHistoryLimit'];

function specCauses(spec: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const f of ['replicas', 'minReadySeconds', 'revisionHistoryLimit']) {
    const v = spec[f];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) causes.push(invalid(`spec.${f}`, v, 'must be greater than or equal to 0'));
  }
  if (!['OrderedReady', 'Parallel'].includes(spec.podManagementPolicy)) causes.push(unsupported('spec.podManagementPolicy', spec.podManagementPolicy, ['OrderedReady', 'Parallel']));
  const strategy = spec.updateStrategy ?? {};
  if (!['RollingUpdate', 'OnDelete'].includes(strategy.type)) causes.push(unsupported('spec.updateStrategy.type', strategy.type, ['OnDelete', 'RollingUpdate']));
  if (strategy.type === 'OnDelete' && strategy.rollingUpdate) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: "OnDelete": only allowed for updateStrategy 'RollingUpdate'`, field: 'spec.updateStrategy.rollingUpdate' });
  const partition = strategy.rollingUpdate?.partition;
  if (partition !== undefined && !(Number.isInteger(partition) && partition >= 0)) causes.push(invalid('spec.updateStrategy.rollingUpdate.partition', partition, 'must be greater than or equal to 0'));
  const policy = spec.persistentVolumeClaimRetentionPolicy ?? {};
  for (const f of ['whenDeleted', 'whenScaled']) if (!RETENTION.includes(policy[f])) causes.push(unsupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, policy[f], RETENTION));
  if (!spec.selector) causes.push(required('spec.selector'));
  else if (!matches(spec.selector, spec.template?.metadata?.labels)) causes.push(invalid('spec.template.metadata.labels', spec.template?.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
  if (!spec.template || typeof spec.template !== 'object') causes.push(required('spec.template'));
  else {
    causes.push(...validateDto(PodTemplateDto, spec.template, 'spec.template'), ...podSemanticCauses(spec.template.spec ?? {}, 'spec.template.spec'));
    const rp = spec.template.spec?.restartPolicy;
    if (rp !== 'Always') causes.push(unsupported('spec.template.spec.restartPolicy', rp, ['Always']));
  }
  (spec.volumeClaimTemplates ?? []).forEach((c: Obj, i: number) => {
    if (!c?.metadata?.name) causes.push(required(`spec.volumeClaimTemplates[${i}].metadata.name`));
  });
  return causes;
}

/** kube-apiserver's StatefulSet strategy: SetDefaults_StatefulSet, ValidateStatefulSet(Update); a new generation on a spec change. */
export const statefulSetStrategy: PlainStrategy = {
  prepare(o) {
    return { ...o, spec: defaultStatefulSetSpec(o.spec ?? {}) };
  },
  initialStatus: () => ({ replicas: 0, availableReplicas: 0 }),
  validate(o, old) {
    const causes = specCauses(o.spec ?? {});
    if (!old) return causes;
    const strip = (s: Obj | undefined) => Object.fromEntries(Object.entries(s ?? {}).filter(([k]) => !MUTABLE.includes(k)));
    if (sorted(strip(o.spec)) !== sorted(strip(old.spec)))
      causes.push({
        reason: 'FieldValueForbidden',
        message: "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        field: 'spec',
      });
    return causes;
  },
};

/** ControllerRevisions are immutable but for their metadata (ValidateControllerRevisionUpdate). */
export const controllerRevisionStrategy: PlainStrategy = {
  validate(o, old) {
    const causes: StatusCause[] = [];
    if (!Number.isInteger(o.revision) || o.revision < 0) causes.push(invalid('revision', o.revision, 'must be greater than or equal to 0'));
    if (old && sorted(o.data) !== sorted(old.data)) causes.push(invalid('data', '', 'field is immutable'));
    return causes;
  },
};
