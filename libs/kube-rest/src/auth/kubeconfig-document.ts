import { stringify } from 'yaml';
import type { ClientAuth } from './kubeconfig-credentials';

/** The name of the cluster, user and context kubesim writes (kind's are `kind-<name>`). */
export const KUBECONFIG_CONTEXT = 'kubesim';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** The cluster, user and context entries of a kubeconfig for `auth` (the CA inline, the bearer token). */
export const kubeconfigEntries = (auth: ClientAuth) => ({
  cluster: { name: KUBECONFIG_CONTEXT, cluster: { server: auth.server, ...(auth.ca ? { 'certificate-authority-data': b64(auth.ca) } : {}) } },
  user: { name: KUBECONFIG_CONTEXT, user: auth.token ? { token: auth.token } : {} },
  context: { name: KUBECONFIG_CONTEXT, context: { cluster: KUBECONFIG_CONTEXT, user: KUBECONFIG_CONTEXT, namespace: 'default' } },
});

/** A whole kubeconfig with the kubesim context current. */
export function kubeconfigDocument(auth: ClientAuth): string {
  const e = kubeconfigEntries(auth);
  return stringify({ apiVersion: 'v1', kind: 'Config', clusters: [e.cluster], users: [e.user], contexts: [e.context], 'current-context': KUBECONFIG_CONTEXT, preferences: {} });
}
