import { parseQuantity } from './quantity';
import type { Pod } from './types';
import type { PlainObject } from './workloads';

/**
 * PersistentVolume, PersistentVolumeClaim and StorageClass as the PV controller, the scheduler's
 * VolumeBinding plugin and admission read them (upstream `component-helpers/storage/volume`).
 */
export type PersistentVolume = PlainObject<'PersistentVolume'>;
export type PersistentVolumeClaim = PlainObject<'PersistentVolumeClaim'>;
export type StorageClass = PlainObject<'StorageClass'>;

export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';
export const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
/** The class of statically provisioned local volumes: never provisioned dynamically. */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** The class kubesim's apiserver creates, as kind's `standard` (docs/decisions.md). */
export const DEFAULT_STORAGE_CLASS_NAME = 'standard';
export const DEFAULT_PROVISIONER = 'kubesim.io/hostpath';

/** GetPersistentVolumeClaimClass: the beta annotation wins, then spec; "" = no class. */
export function claimClass(c: PersistentVolumeClaim): string {
  const beta = c.metadata.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (beta !== undefined) return beta;
  return c.spec?.storageClassName ?? '';
}

/** GetPersistentVolumeClass. */
export function volumeClass(v: PersistentVolume): string {
  const beta = v.metadata.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (beta !== undefined) return beta;
  return v.spec?.storageClassName ?? '';
}

/** IsDefaultAnnotation: `"true"` in the GA or the beta annotation. */
export const isDefaultClass = (sc: StorageClass) => sc.metadata.annotations?.[ANN_DEFAULT_CLASS] === 'true' || sc.metadata.annotations?.[ANN_BETA_DEFAULT_CLASS] === 'true';

/** GetDefaultClass: of several defaults the newest wins (then the name, for a stable answer). */
export function defaultClass(classes: Iterable<StorageClass>): StorageClass | undefined {
  const defaults = [...classes].filter(isDefaultClass);
  defaults.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
  return defaults[0];
}

/** The claim's `spec.resources.requests.storage` in bytes (0 when unset or malformed). */
export const requestedBytes = (c: PersistentVolumeClaim) => quantityBytes(c.spec?.resources?.requests?.storage);
export const capacityBytes = (v: PersistentVolume) => quantityBytes(v.spec?.capacity?.storage);
function quantityBytes(q: unknown): number {
  if (typeof q !== 'string' && typeof q !== 'number') return 0;
  const n = parseQuantity(q);
  return Number.isNaN(n) ? 0 : n;
}

export const volumeModeOf = (o: PersistentVolume | PersistentVolumeClaim): string => o.spec?.volumeMode ?? 'Filesystem';

/** The claims a pod's volumes name (`persistentVolumeClaim.claimName`), in volume order. */
export function podClaimNames(pod: Pod): string[] {
  const volumes = ((pod.spec as { volumes?: unknown[] }).volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[];
  return volumes.map((v) => v.persistentVolumeClaim?.claimName).filter((n): n is string => typeof n === 'string' && n !== '');
}

/** IsVolumeBoundToClaim: the PV's claimRef names this claim (and its UID, when the ref has one). */
export function isVolumeBoundToClaim(v: PersistentVolume, c: PersistentVolumeClaim): boolean {
  const ref = v.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== c.metadata.name || ref.namespace !== c.metadata.namespace) return false;
  return !ref.uid || ref.uid === c.metadata.uid;
}

/** The claim is fully bound (isPVCBound): a volume name and the bind-completed annotation. */
export const isClaimBound = (c: PersistentVolumeClaim) => Boolean(c.spec?.volumeName) && c.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined;

/** IsDelayBindingMode: the claim's class exists and is WaitForFirstConsumer. */
export function isDelayBinding(c: PersistentVolumeClaim, classOf: (name: string) => StorageClass | undefined): boolean {
  const name = claimClass(c);
  if (!name) return false;
  return classOf(name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/**
 * DefaultStorageClass admission (PVC create): a claim with no class at all — neither
 * `spec.storageClassName` nor the beta annotation; `""` is an explicit "no class" — gets the
 * default class, the newest when there are several. No default class: the claim is left alone.
 */
export function withDefaultStorageClass(c: PersistentVolumeClaim, classes: Iterable<StorageClass>): PersistentVolumeClaim {
  if (c.spec?.storageClassName != null || c.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] !== undefined) return c;
  const def = defaultClass(classes);
  if (!def) return c;
  return { ...c, spec: { ...c.spec, storageClassName: def.metadata.name } };
}

/** StorageObjectInUseProtection admission (create): the protection finalizer of a PVC or PV. */
export function withProtectionFinalizer<T extends PersistentVolume | PersistentVolumeClaim>(o: T): T {
  const finalizer = o.kind === 'PersistentVolume' ? PV_PROTECTION_FINALIZER : PVC_PROTECTION_FINALIZER;
  const finalizers: string[] = o.metadata.finalizers ?? [];
  if (finalizers.includes(finalizer)) return o;
  return { ...o, metadata: { ...o.metadata, finalizers: [...finalizers, finalizer] } };
}
