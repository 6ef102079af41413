import { withApiserver } from '../apiserver.spec-helpers';

/** The ServiceAccount admission plugin on pod CREATE, through HTTP and the components' NATS writes. */
describe('ServiceAccount admission', () => {
  const f = withApiserver({ disableAdmissionPlugins: '' });
  const http = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(f.base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { code: res.status, body: (await res.json()) as any };
  };
  const pod = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'busybox' }], ...spec } });
  const PODS = '/api/v1/namespaces/default/pods';

  it('refuses a pod whose ServiceAccount does not exist with kube-apiserver 403, default or named', async () => {
    expect(await http('POST', PODS, pod('a'))).toMatchObject({
      code: 403,
      body: { reason: 'Forbidden', message: 'pods "a" is forbidden: error looking up service account default/default: serviceaccount "default" not found' },
    });
    const r = await f.client('replicaset-controller').createObject({ object: { ...pod(''), metadata: { generateName: 'web-58cdbc746f-', namespace: 'default' }, spec: { ...pod('').spec, serviceAccountName: 'web' } } });
    expect(r).toMatchObject({ ok: false, status: { code: 403, message: 'pods "web-58cdbc746f-" is forbidden: error looking up service account default/web: serviceaccount "web" not found' } });
  });

  it('with the ServiceAccount there, the pod gets kube-api-access-<5> mounted read-only at the token path', async () => {
    expect((await http('POST', '/api/v1/namespaces/default/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } })).code).toBe(201);
    const created = await http('POST', PODS, pod('b'));
    expect(created.code).toBe(201);
    const spec = created.body.spec;
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.volumes).toHaveLength(1);
    expect(spec.volumes[0].name).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
    expect(spec.volumes[0].projected.sources.map((s: object) => Object.keys(s)[0])).toEqual(['serviceAccountToken', 'configMap', 'downwardAPI']);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: spec.volumes[0].name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    const off = await http('POST', PODS, pod('c', { automountServiceAccountToken: false }));
    expect(off.body.spec.volumes).toBeUndefined();
  });
});
