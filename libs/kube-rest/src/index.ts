export * from './kube-client';
export * from './resources';
export * from './manifests';
export * from './drain-plan';
export * from './evict';
