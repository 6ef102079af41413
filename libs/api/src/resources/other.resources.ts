import { ALL_VERBS, type ResourceDeclaration } from './resource';

/** Node leases: read-only views of what the kubelets renew in the NATS KV bucket, not log objects. */
export const COORDINATION_RESOURCES = [
  { group: 'coordination.k8s.io', version: 'v1', protobuf: true, kind: 'Lease', plural: 'leases', singular: 'lease', namespaced: true, verbs: ['get', 'list'], storage: 'lease' },
] as const satisfies readonly ResourceDeclaration[];

/** `storage.k8s.io/v1`. */
export const STORAGE_RESOURCES = [
  { group: 'storage.k8s.io', version: 'v1', protobuf: true, kind: 'StorageClass', plural: 'storageclasses', singular: 'storageclass', namespaced: false, shortNames: ['sc'], verbs: ALL_VERBS, storage: 'generic' },
] as const satisfies readonly ResourceDeclaration[];

const hpa = { group: 'autoscaling', protobuf: true, kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', namespaced: true, shortNames: ['hpa'], categories: ['all'], verbs: ALL_VERBS, subresources: ['status'], storage: 'generic' } as const;

/**
 * HorizontalPodAutoscalers, stored as autoscaling/v2 (the preferred version, first) and served as
 * v1 too through a conversion (conversions.ts). There are no metrics here: the controller reports so.
 */
export const AUTOSCALING_RESOURCES = [
  { ...hpa, version: 'v2' },
  { ...hpa, version: 'v1' },
] as const satisfies readonly ResourceDeclaration[];
