import { ALL_VERBS, type ResourceDeclaration } from './resource';

/** `discovery.k8s.io/v1`: EndpointSlices (written by apps/controller-manager `endpointslice/`, read by the kubelets' kube-proxy). */
export const DISCOVERY_RESOURCES = [
  { group: 'discovery.k8s.io', version: 'v1', protobuf: true, kind: 'EndpointSlice', plural: 'endpointslices', singular: 'endpointslice', namespaced: true, verbs: ALL_VERBS, storage: 'generic' },
] as const satisfies readonly ResourceDeclaration[];
