import { isQuantity, parseQuantity } from '../quantity';
import type { StatusCause } from '../types';
import { DNS1123_SUBDOMAIN, DNS1123_SUBDOMAIN_MSG } from '../validation-messages';
import type { PlainStrategy } from './plain-strategies';
import { forbidden, invalid, unsupported as notSupported, required } from '../field-causes';

/**
 * The PersistentVolume, PersistentVolumeClaim and StorageClass strategies of kube-apiserver
 * (`pkg/apis/core/validation` ValidatePersistentVolume*, `pkg/apis/storage/validation`, and the
 * v1 defaults): upstream's field paths and messages.
 */
type Obj = Record<string, any>;

/** Deep equality regardless of key order (apiequality.Semantic.DeepEqual on decoded objects). */
const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)])) : v;
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null));
const immutable = (field: string, now: unknown, before: unknown): StatusCause[] => (same(now, before) ? [] : [invalid(field, now, 'field is immutable')]);

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] as const;
const VOLUME_MODES = ['Block', 'Filesystem'];
const PV_RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const CLASS_RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];
/** The PersistentVolumeSource members (exactly one is required). */
const PV_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi', 'cinder', 'cephfs', 'fc', 'flocker',
  'flexVolume', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi',
];

function accessModeCauses(modes: unknown, field: string, requiredDetail?: string): StatusCause[] {
  if (!Array.isArray(modes) || modes.length === 0) return [required(field, requiredDetail)];
  const out: StatusCause[] = [];
  for (const m of modes) if (!(ACCESS_MODES as readonly string[]).includes(m)) out.push(notSupported(field, m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) out.push(forbidden(field, 'may not use ReadWriteOncePod with other access modes'));
  return out;
}

function classNameCauses(name: unknown, field: string): StatusCause[] {
  if (typeof name !== 'string' || name === '') return [];
  return name.length > 253 || !DNS1123_SUBDOMAIN.test(name) ? [invalid(field, name, DNS1123_SUBDOMAIN_MSG)] : [];
}

const volumeModeCauses = (mode: unknown, field: string) => (mode === undefined || VOLUME_MODES.includes(mode as string) ? [] : [notSupported(field, mode, VOLUME_MODES)]);

/** ValidateResourceQuantityValue + ValidatePositiveQuantityValue for a storage size. */
function storageSizeCauses(v: unknown, field: string): StatusCause[] {
  if (!isQuantity(v)) return [invalid(field, v, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")];
  return parseQuantity(v as string) > 0 ? [] : [invalid(field, v, 'must be greater than zero')];
}

export const storageClassStrategy: PlainStrategy = {
  /** SetDefaults_StorageClass. */
  prepare(o) {
    return { ...o, reclaimPolicy: o.reclaimPolicy ?? 'Delete', volumeBindingMode: o.volumeBindingMode ?? 'Immediate' };
  },
  validate(o, old) {
    const out: StatusCause[] = [];
    if (typeof o.provisioner !== 'string' || o.provisioner === '') out.push(required('provisioner'));
    if (!CLASS_RECLAIM_POLICIES.includes(o.reclaimPolicy)) out.push(notSupported('reclaimPolicy', o.reclaimPolicy, CLASS_RECLAIM_POLICIES));
    if (!BINDING_MODES.includes(o.volumeBindingMode)) out.push(notSupported('volumeBindingMode', o.volumeBindingMode, BINDING_MODES));
    if (!old) return out;
    // ValidateStorageClassUpdate
    if (!same(o.parameters, old.parameters)) out.push(forbidden('parameters', 'updates to parameters are forbidden.'));
    if (o.provisioner !== old.provisioner) out.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (o.reclaimPolicy !== old.reclaimPolicy) out.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    return [...out, ...immutable('volumeBindingMode', o.volumeBindingMode, old.volumeBindingMode)];
  },
};

const pvSource = (spec: Obj) => Object.fromEntries(PV_SOURCES.filter((k) => spec?.[k] !== undefined).map((k) => [k, spec[k]]));

export const persistentVolumeStrategy: PlainStrategy = {
  /** SetDefaults_PersistentVolume: Retain, Filesystem. */
  prepare(o) {
    const spec: Obj = o.spec ?? {};
    return { ...o, spec: { ...spec, persistentVolumeReclaimPolicy: spec.persistentVolumeReclaimPolicy ?? 'Retain', volumeMode: spec.volumeMode ?? 'Filesystem' } };
  },
  initialStatus: () => ({ phase: 'Pending' }),
  validate(o, old) {
    const spec: Obj = o.spec ?? {};
    const out = accessModeCauses(spec.accessModes, 'spec.accessModes');
    const capacity: Obj | undefined = spec.capacity;
    if (!capacity || Object.keys(capacity).length === 0) out.push(required('spec.capacity'));
    else if (!('storage' in capacity) || Object.keys(capacity).length > 1) out.push(notSupported('spec.capacity', capacity, ['storage']));
    else out.push(...storageSizeCauses(capacity.storage, 'spec.capacity[storage]'));
    if (!PV_RECLAIM_POLICIES.includes(spec.persistentVolumeReclaimPolicy)) out.push(notSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, PV_RECLAIM_POLICIES));
    const sources = Object.keys(pvSource(spec));
    if (sources.length === 0) out.push(required('spec', 'must specify a volume type'));
    for (const extra of sources.slice(1)) out.push(forbidden(`spec.${extra}`, 'may not specify more than 1 volume type'));
    if (spec.hostPath && typeof spec.hostPath.path !== 'string') out.push(required('spec.hostPath.path'));
    if (spec.local && !spec.nodeAffinity) out.push(required('metadata.annotations', 'Local volume requires node affinity'));
    out.push(...classNameCauses(spec.storageClassName, 'spec.storageClassName'), ...volumeModeCauses(spec.volumeMode, 'spec.volumeMode'));
    if (!old) return out;
    // ValidatePersistentVolumeUpdate
    if (!same(pvSource(spec), pvSource(old.spec))) out.push(forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
    out.push(...immutable('volumeMode', spec.volumeMode, old.spec?.volumeMode));
    if (old.spec?.nodeAffinity) out.push(...immutable('nodeAffinity', spec.nodeAffinity, old.spec.nodeAffinity));
    return out;
  },
};

export const persistentVolumeClaimStrategy: PlainStrategy = {
  /** SetDefaults_PersistentVolumeClaim: Filesystem. */
  prepare(o) {
    const spec: Obj = o.spec ?? {};
    return { ...o, spec: { ...spec, volumeMode: spec.volumeMode ?? 'Filesystem' } };
  },
  initialStatus: () => ({ phase: 'Pending' }),
  validate(o, old) {
    const spec: Obj = o.spec ?? {};
    const out = accessModeCauses(spec.accessModes, 'spec.accessModes', 'at least 1 access mode is required');
    const storage = spec.resources?.requests?.storage;
    if (storage === undefined) out.push(required('spec.resources[storage]'));
    else out.push(...storageSizeCauses(storage, 'spec.resources[storage]'));
    out.push(...classNameCauses(spec.storageClassName, 'spec.storageClassName'), ...volumeModeCauses(spec.volumeMode, 'spec.volumeMode'));
    if (!old) return out;
    return [...out, ...claimUpdateCauses(o, old)];
  },
};

/**
 * ValidatePersistentVolumeClaimUpdate: the spec is fixed once created, except `volumeName` (set
 * once, by binding), `volumeAttributesClassName`, and a larger storage request on a bound claim.
 * (Upstream appends a go-cmp diff of the specs to the message; kubesim does not.)
 */
function claimUpdateCauses(o: Obj, old: Obj): StatusCause[] {
  const out: StatusCause[] = [];
  const now: Obj = { ...(o.spec ?? {}) };
  const before: Obj = { ...(old.spec ?? {}) };
  if (!before.volumeName) before.volumeName = now.volumeName;
  // Retroactive default StorageClass: a nil class may be set once, while the claim is unbound.
  if (before.storageClassName == null && !old.spec?.volumeName && typeof now.storageClassName === 'string' && now.storageClassName) before.storageClassName = now.storageClassName;
  delete now.volumeAttributesClassName;
  delete before.volumeAttributesClassName;
  const bound = old.status?.phase === 'Bound';
  if (bound && now.resources?.requests) now.resources = { ...now.resources, requests: { ...now.resources.requests, storage: before.resources?.requests?.storage } };
  if (!same(now, before)) out.push(forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  const newSize = o.spec?.resources?.requests?.storage;
  const oldSize = old.spec?.resources?.requests?.storage;
  if (bound && isQuantity(newSize) && isQuantity(oldSize) && parseQuantity(newSize) < parseQuantity(oldSize)) {
    out.push(forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
  }
  return out;
}
