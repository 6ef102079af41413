import { ALL_VERBS, type ResourceDeclaration } from './resource';

/** Node leases: read-only views of what the kubelets renew in the NATS KV bucket, not log objects. */
export const COORDINATION_RESOURCES = [
  { group: 'coordination.k8s.io', version: 'v1', protobuf: true, kind: 'Lease', plural: 'leases', singular: 'lease', namespaced: true, verbs: ['get', 'list'], storage: 'lease' },
] as const satisfies readonly ResourceDeclaration[];

/** `storage.k8s.io/v1`. */
export const STORAGE_RESOURCES = [
  { group: 'storage.k8s.io', version: 'v1', protobuf: true, kind: 'StorageClass', plural: 'storageclasses', singular: 'storageclass', namespaced: false, shortNames: ['sc'], verbs: ALL_VERBS, storage: 'generic' },
] as const satisfies readonly ResourceDeclaration[];

/** `autoscaling/v2`: HorizontalPodAutoscalers, stored; no metrics pipeline computes them here. */
export const AUTOSCALING_RESOURCES = [
  { group: 'autoscaling', version: 'v2', protobuf: true, kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', namespaced: true, shortNames: ['hpa'], categories: ['all'], verbs: ALL_VERBS, subresources: ['status'], storage: 'generic' },
] as const satisfies readonly ResourceDeclaration[];
