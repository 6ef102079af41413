import type { Pod } from './types';

/** Where the token volume is mounted in every container (DefaultAPITokenMountPath). */
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** The projected token volume's name prefix (ServiceAccountVolumeName + "-"). */
export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';
/** 1 h 7 s: the bound token's expiry the kubelet refreshes on (WarnOnlyBoundTokenExpirationSeconds). */
export const SERVICE_ACCOUNT_TOKEN_EXPIRATION_SECONDS = 3607;

/** The fields of a ServiceAccount the admission plugin reads. */
export interface ServiceAccountLike {
  automountServiceAccountToken?: boolean;
  imagePullSecrets?: { name: string }[];
}

/** The refusal text for a pod naming a ServiceAccount that does not exist (admission.go). */
export const serviceAccountNotFound = (namespace: string, name: string) => `error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`;

/** The projected volume of TokenVolumeSource: token, the root CA bundle and the namespace. */
export function tokenVolume(name: string) {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: SERVICE_ACCOUNT_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

type Mount = { name: string; mountPath: string; readOnly?: boolean };
type Containerish = { volumeMounts?: Mount[]; [k: string]: unknown };

/**
 * plugin/pkg/admission/serviceaccount on a pod CREATE, once the ServiceAccount is found: the pod
 * gets the SA's imagePullSecrets when it has none and, unless the pod or the SA turns automount
 * off, the `kube-api-access-<suffix>` projected volume, mounted read-only at the token path in
 * every init, app and ephemeral container that mounts nothing there yet. Pure: `suffix` comes in.
 */
export function admitServiceAccount(pod: Pod, sa: ServiceAccountLike, suffix: string): Pod {
  const spec = { ...pod.spec };
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const pullSecrets = spec.imagePullSecrets as unknown[] | undefined;
  if (!pullSecrets?.length && sa.imagePullSecrets?.length) spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name }));
  const automount = (spec.automountServiceAccountToken as boolean | undefined) ?? sa.automountServiceAccountToken ?? true;
  if (!automount) return { ...pod, spec };
  const volumes = (spec.volumes as { name: string }[] | undefined) ?? [];
  const existing = volumes.find((v) => v.name.startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX));
  const name = existing?.name ?? `${SERVICE_ACCOUNT_VOLUME_PREFIX}${suffix}`;
  let needed = false;
  const mountIn = (cs: Containerish[] | undefined) =>
    cs?.map((c) => {
      if ((c.volumeMounts ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) return c;
      needed = true;
      return { ...c, volumeMounts: [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH }] };
    });
  const initContainers = mountIn(spec.initContainers as Containerish[] | undefined);
  const containers = mountIn(spec.containers as Containerish[])!;
  const ephemeralContainers = mountIn(spec.ephemeralContainers as Containerish[] | undefined);
  const out = {
    ...spec,
    containers,
    ...(initContainers ? { initContainers } : {}),
    ...(ephemeralContainers ? { ephemeralContainers } : {}),
    ...(needed && !existing ? { volumes: [...volumes, tokenVolume(name)] } : {}),
  };
  return { ...pod, spec: out as Pod['spec'] };
}
