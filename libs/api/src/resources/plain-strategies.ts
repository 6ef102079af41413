import type { StatusCause } from '../types';
import { defaultPodSpec } from '../defaults';
import { defaultHpa } from './hpa';
import { DNS1123_SUBDOMAIN, DNS1123_SUBDOMAIN_MSG } from '../validation-messages';
import type { PlainKind } from '../workloads';
import { limitRangeStrategy } from './limit-range.strategy';
import { persistentVolumeClaimStrategy, persistentVolumeStrategy, storageClassStrategy } from './storage-strategies';
import { cronJobStrategy, jobStrategy } from './batch-strategies';
import { podDisruptionBudgetStrategy } from './policy-strategies';
import { customResourceDefinitionStrategy } from './crd.strategy';
import { controllerRevisionStrategy, statefulSetStrategy } from './statefulset-strategy';
import { forbidden, invalid, required } from '../field-causes';
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from '../rbac/rbac-validation';

type Obj = Record<string, any>;

/**
 * kube-apiserver's strategy for a kind served from its declaration: what a create or update
 * normalises (`prepare`) and refuses (`validate`, 422 causes). `old` is the stored object on update.
 */
export interface PlainStrategy {
  prepare?(o: Obj, old?: Obj): Obj;
  validate?(o: Obj, old?: Obj): StatusCause[];
  /** The status a new object starts with (PV and PVC: phase Pending); none: `{}`. */
  initialStatus?(o: Obj): Obj;
}

const MAX_SIZE = 1048576;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const tooLong = (field: string, detail: string): StatusCause => ({ reason: 'FieldValueTooLong', message: `Too long: ${detail}`, field });

/** IsConfigMapKey, with upstream's messages. */
export function configKeyCauses(map: unknown, field: string): StatusCause[] {
  if (map === undefined || map === null) return [];
  if (typeof map !== 'object' || Array.isArray(map)) return [invalid(field, map, 'must be a map of strings')];
  const out: StatusCause[] = [];
  for (const key of Object.keys(map)) {
    const f = `${field}[${key}]`;
    if (key.length > 253) out.push(invalid(f, key, 'must be no more than 253 characters'));
    if (!CONFIG_KEY.test(key)) out.push(invalid(f, key, CONFIG_KEY_MSG));
    if (key === '.') out.push(invalid(f, key, "must not be '.'"));
    else if (key === '..') out.push(invalid(f, key, "must not be '..'"));
    else if (key.startsWith('..')) out.push(invalid(f, key, "must not start with '..'"));
  }
  return out;
}

const stringValues = (map: unknown, field: string): StatusCause[] =>
  map && typeof map === 'object' ? Object.entries(map).filter(([, v]) => typeof v !== 'string').map(([k, v]) => invalid(`${field}[${k}]`, v, 'must be a string')) : [];

const bytes = (map: Obj | undefined, decode: (v: string) => number) => Object.values(map ?? {}).reduce((n: number, v) => n + (typeof v === 'string' ? decode(v) : 0), 0);
const utf8 = (v: string) => Buffer.byteLength(v, 'utf8');
const base64 = (v: string) => Buffer.from(v, 'base64').length;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function immutableCauses(o: Obj, old: Obj | undefined, fields: string[]): StatusCause[] {
  if (!old?.immutable) return [];
  const detail = 'field is immutable when `immutable` is set';
  const out: StatusCause[] = [];
  if (o.immutable !== true) out.push(forbidden('immutable', detail));
  for (const f of fields) if (JSON.stringify(o[f] ?? {}) !== JSON.stringify(old[f] ?? {})) out.push(forbidden(f, detail));
  return out;
}

const base64Causes = (map: unknown, field: string): StatusCause[] =>
  map && typeof map === 'object' ? Object.entries(map).filter(([, v]) => typeof v === 'string' && !BASE64.test(v.replace(/\s/g, ''))).map(([k]) => invalid(`${field}[${k}]`, '<secret contents redacted>', 'illegal base64 data')) : [];

const configMap: PlainStrategy = {
  validate(o, old) {
    const causes = [...configKeyCauses(o.data, 'data'), ...stringValues(o.data, 'data'), ...configKeyCauses(o.binaryData, 'binaryData')];
    for (const k of Object.keys(o.data ?? {})) if (o.binaryData && k in o.binaryData) causes.push(invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    if (bytes(o.data, utf8) + bytes(o.binaryData, base64) > MAX_SIZE) causes.push(tooLong('[]', `may not be more than ${MAX_SIZE} bytes`));
    return [...causes, ...immutableCauses(o, old, ['data', 'binaryData'])];
  },
};

/** ValidateSecret's required keys per type. */
function secretTypeCauses(o: Obj): StatusCause[] {
  const data: Obj = o.data ?? {};
  switch (o.type) {
    case 'kubernetes.io/service-account-token':
      return o.metadata?.annotations?.['kubernetes.io/service-account.name'] ? [] : [required('metadata.annotations[kubernetes.io/service-account.name]')];
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = o.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!(key in data)) return [required(`data[${key}]`)];
      try {
        JSON.parse(Buffer.from(String(data[key]), 'base64').toString('utf8'));
        return [];
      } catch (e) {
        return [invalid(`data[${key}]`, '<secret contents redacted>', (e as Error).message)];
      }
    }
    case 'kubernetes.io/basic-auth':
      return 'username' in data || 'password' in data ? [] : [required('data[username]'), required('data[password]')];
    case 'kubernetes.io/ssh-auth':
      return data['ssh-privatekey'] ? [] : [required('data[ssh-privatekey]')];
    case 'kubernetes.io/tls':
      return [...('tls.crt' in data ? [] : [required('data[tls.crt]')]), ...('tls.key' in data ? [] : [required('data[tls.key]')])];
    default:
      return [];
  }
}

const secret: PlainStrategy = {
  /** `stringData` is merged into `data` (base64) and never stored; `type` defaults to Opaque. */
  prepare(o) {
    const { stringData, ...rest } = o;
    const data: Obj = { ...(rest.data ?? {}) };
    for (const [k, v] of Object.entries((stringData as Obj | undefined) ?? {})) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    return { ...rest, type: rest.type || 'Opaque', ...(Object.keys(data).length || rest.data ? { data } : {}) };
  },
  validate(o, old) {
    const causes = [...configKeyCauses(o.data, 'data'), ...stringValues(o.data, 'data'), ...base64Causes(o.data, 'data'), ...secretTypeCauses(o)];
    if (bytes(o.data, base64) > MAX_SIZE) causes.push(tooLong('data', `may not be more than ${MAX_SIZE} bytes`));
    if (old && old.type !== o.type) causes.push(invalid('type', o.type, 'field is immutable'));
    return [...causes, ...immutableCauses(o, old, ['data'])];
  },
};

/** The strategies of the kinds that have rules; the others store what they are given. */
const horizontalPodAutoscaler: PlainStrategy = {
  prepare: (o) => defaultHpa(o),
  validate(o) {
    const causes: StatusCause[] = [];
    const ref = o.spec?.scaleTargetRef;
    if (!ref?.kind) causes.push(required('spec.scaleTargetRef.kind'));
    if (!ref?.name) causes.push(required('spec.scaleTargetRef.name'));
    const max = o.spec?.maxReplicas;
    const min = o.spec?.minReplicas;
    if (!Number.isInteger(max) || max < 1) causes.push(invalid('spec.maxReplicas', max ?? 0, 'must be greater than or equal to 1'));
    else if (Number.isInteger(min) && min > max) causes.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
    if (min !== undefined && (!Number.isInteger(min) || min < 1)) causes.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
    return causes;
  },
};

/** ReplicationController defaults (SetDefaults_ReplicationController): the selector and labels from the template, 1 replica. */
const replicationController: PlainStrategy = {
  prepare(o) {
    const spec = o.spec ?? {};
    const template = spec.template ?? {};
    const labels = template.metadata?.labels ?? {};
    const selector = spec.selector && Object.keys(spec.selector).length ? spec.selector : labels;
    const { creationTimestamp, ...templateMeta } = template.metadata ?? {};
    return {
      ...o,
      metadata: { ...o.metadata, labels: o.metadata?.labels && Object.keys(o.metadata.labels).length ? o.metadata.labels : labels },
      spec: { ...spec, replicas: spec.replicas ?? 1, minReadySeconds: spec.minReadySeconds ?? 0, selector, template: { ...template, metadata: { ...templateMeta, ...(creationTimestamp != null ? { creationTimestamp } : {}) }, spec: defaultPodSpec(template.spec ?? {}) } },
    };
  },
  validate(o) {
    const labels = o.spec?.template?.metadata?.labels ?? {};
    const selector: Record<string, string> = o.spec?.selector ?? {};
    if (!Object.keys(selector).length) return [required('spec.selector')];
    const matches = Object.entries(selector).every(([k, v]) => labels[k] === v);
    return matches ? [] : [invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`')];
  },
};

const STRATEGIES: Partial<Record<PlainKind, PlainStrategy>> = { ConfigMap: configMap, Secret: secret, HorizontalPodAutoscaler: horizontalPodAutoscaler, ReplicationController: replicationController, LimitRange: limitRangeStrategy, StorageClass: storageClassStrategy, PersistentVolume: persistentVolumeStrategy, PersistentVolumeClaim: persistentVolumeClaimStrategy, Job: jobStrategy, CronJob: cronJobStrategy, PodDisruptionBudget: podDisruptionBudgetStrategy, CustomResourceDefinition: customResourceDefinitionStrategy, StatefulSet: statefulSetStrategy, ControllerRevision: controllerRevisionStrategy, Role: roleStrategy, ClusterRole: clusterRoleStrategy, RoleBinding: roleBindingStrategy, ClusterRoleBinding: clusterRoleBindingStrategy };

export const plainStrategy = (kind: PlainKind): PlainStrategy => STRATEGIES[kind] ?? {};

/** ValidateObjectMeta's name rule for most kinds (a DNS-1123 subdomain). */
export function nameCauses(name: unknown, generateName: unknown): StatusCause[] {
  if ((name === undefined || name === '') && typeof generateName === 'string' && generateName) return [];
  if (typeof name !== 'string' || name === '') return [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }];
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) return [invalid('metadata.name', name, DNS1123_SUBDOMAIN_MSG)];
  return [];
}
