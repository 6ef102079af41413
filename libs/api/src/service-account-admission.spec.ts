import { describe, expect, it } from 'vitest';
import { defaultPod } from './defaults';
import { admitServiceAccount, SERVICE_ACCOUNT_MOUNT_PATH } from './service-account-admission';

const pod = (spec: Record<string, unknown>) =>
  defaultPod({ metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'busybox' }], ...spec } }, 'default', { uid: 'u', now: '2024-05-01T10:00:00Z', suffix: 'aaaaa' });

describe('ServiceAccount admission on pod create', () => {
  it("adds upstream's kube-api-access volume and mounts it read-only in every container", () => {
    const p = admitServiceAccount(pod({ initContainers: [{ name: 'init', image: 'busybox' }] }), {}, 'x7k2p');
    expect(p.spec.serviceAccountName).toBe('default');
    expect(p.spec.serviceAccount).toBe('default');
    expect(p.spec.volumes).toEqual([
      {
        name: 'kube-api-access-x7k2p',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ]);
    const mount = { name: 'kube-api-access-x7k2p', readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH };
    expect(p.spec.containers[0].volumeMounts).toEqual([mount]);
    expect(p.spec.initContainers![0].volumeMounts).toEqual([mount]);
  });

  it.each([
    ['the pod turns automount off', { automountServiceAccountToken: false }, {}],
    ['the ServiceAccount turns it off', {}, { automountServiceAccountToken: false }],
  ])('no volume when %s', (_n, spec, sa) => {
    const p = admitServiceAccount(pod(spec), sa, 'x7k2p');
    expect(p.spec.volumes).toBeUndefined();
    expect(p.spec.containers[0].volumeMounts).toBeUndefined();
  });

  it("the pod's own automount: true wins over the ServiceAccount's false", () => {
    expect(admitServiceAccount(pod({ automountServiceAccountToken: true }), { automountServiceAccountToken: false }, 'x7k2p').spec.volumes).toHaveLength(1);
  });

  it('a container already mounting something at the token path keeps its mount; with no container left, no volume', () => {
    const own = { name: 'mine', mountPath: SERVICE_ACCOUNT_MOUNT_PATH };
    const p = admitServiceAccount(pod({ containers: [{ name: 'app', image: 'busybox', volumeMounts: [own] }], volumes: [{ name: 'mine', emptyDir: {} }] }), {}, 'x7k2p');
    expect(p.spec.containers[0].volumeMounts).toEqual([own]);
    expect(p.spec.volumes).toEqual([{ name: 'mine', emptyDir: {} }]);
  });

  it("copies the ServiceAccount's imagePullSecrets when the pod has none", () => {
    expect(admitServiceAccount(pod({}), { imagePullSecrets: [{ name: 'regcred' }] }, 'x7k2p').spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(admitServiceAccount(pod({ imagePullSecrets: [{ name: 'mine' }] }), { imagePullSecrets: [{ name: 'regcred' }] }, 'x7k2p').spec.imagePullSecrets).toEqual([{ name: 'mine' }]);
  });
});
