import type { KubeObject, Namespace, PlainObject } from '@kubesim/api';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const ROOT_CA_KEY = 'ca.crt';
/** rootcacertpublisher's annotation (publisher.go). */
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';
const DESCRIPTION = 'kubernetes.io/description';

/** What one namespace needs from the serviceaccount and root-CA publisher controllers. */
export type ServiceAccountAction =
  | { type: 'create'; object: PlainObject; by: Controller }
  | { type: 'update'; object: PlainObject; by: Controller };
export type Controller = 'serviceaccount-controller' | 'root-ca-cert-publisher';

export interface NamespaceView {
  namespace: Namespace;
  serviceAccount?: KubeObject | PlainObject;
  rootCa?: PlainObject;
}

/**
 * serviceaccounts_controller.go and rootcacertpublisher/publisher.go for one namespace: an Active
 * namespace gets the `default` ServiceAccount (re-created when deleted) and the `kube-root-ca.crt`
 * ConfigMap holding `ca` under `ca.crt` with its description annotation (re-created when deleted,
 * overwritten when edited). A Terminating namespace gets nothing.
 */
export function reconcileNamespace(v: NamespaceView, ca: string): ServiceAccountAction[] {
  if (v.namespace.status.phase !== 'Active' || v.namespace.metadata.deletionTimestamp) return [];
  const namespace = v.namespace.metadata.name;
  const out: ServiceAccountAction[] = [];
  if (!v.serviceAccount) {
    out.push({ type: 'create', by: 'serviceaccount-controller', object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace } as unknown as PlainObject['metadata'] } });
  }
  const data = { [ROOT_CA_KEY]: ca };
  if (!v.rootCa) {
    out.push({
      type: 'create',
      by: 'root-ca-cert-publisher',
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { [DESCRIPTION]: ROOT_CA_DESCRIPTION } } as unknown as PlainObject['metadata'], data },
    });
  } else if (v.rootCa.data?.[ROOT_CA_KEY] !== ca || Object.keys(v.rootCa.data ?? {}).length !== 1 || v.rootCa.metadata.annotations?.[DESCRIPTION] !== ROOT_CA_DESCRIPTION) {
    const { binaryData: _b, ...rest } = v.rootCa;
    out.push({ type: 'update', by: 'root-ca-cert-publisher', object: { ...rest, metadata: { ...rest.metadata, annotations: { ...rest.metadata.annotations, [DESCRIPTION]: ROOT_CA_DESCRIPTION } }, data } });
  }
  return out;
}
