export * from './kube-client';
export * from './resources';
export * from './manifests';
export * from './drain-plan';
export * from './evict';
export * from './auth/pki';
export * from './auth/kubeconfig-credentials';
export * from './auth/kubeconfig-document';
