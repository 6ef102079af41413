import { stringify } from 'yaml';

/** A kubeconfig for the cluster, so `kubectl --kubeconfig <data-dir>/kubeconfig` works anywhere. */
export function kubeconfig(server: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubesim', cluster: { server } }],
    users: [{ name: 'kubesim', user: {} }],
    contexts: [{ name: 'kubesim', context: { cluster: 'kubesim', user: 'kubesim', namespace: 'default' } }],
    'current-context': 'kubesim',
    preferences: {},
  });
}
