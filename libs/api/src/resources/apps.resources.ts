import { ALL_VERBS, type ResourceDeclaration } from './resource';

const apps = { group: 'apps', version: 'v1', protobuf: true, namespaced: true, categories: ['all'], verbs: ALL_VERBS, storage: 'generic' } as const;

/** `apps/v1`. */
export const APPS_RESOURCES = [
  { ...apps, kind: 'Deployment', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], subresources: ['status', 'scale'] },
  { ...apps, kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', shortNames: ['rs'], subresources: ['status', 'scale'] },
  { ...apps, kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], subresources: ['status'] },
  { ...apps, kind: 'StatefulSet', plural: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], subresources: ['status', 'scale'] },
  // Not in the `all` category upstream: `kubectl get all` does not list revisions.
  { group: 'apps', version: 'v1', protobuf: true, namespaced: true, verbs: ALL_VERBS, storage: 'generic', kind: 'ControllerRevision', plural: 'controllerrevisions', singular: 'controllerrevision' },
] as const satisfies readonly ResourceDeclaration[];
