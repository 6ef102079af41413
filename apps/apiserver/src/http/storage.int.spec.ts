import { withApiserver } from '../apiserver.spec-helpers';

/** PV/PVC/StorageClass through the REST API on a real nats-server: defaults, admission, refusals, finalizers. */
describe('storage objects', () => {
  const f = withApiserver();
  const http = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(f.base + path, { method, headers: { 'content-type': contentType }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { code: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const PVC = '/api/v1/namespaces/default/persistentvolumeclaims';
  const claim = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } });

  it('has the default class standard from the first start', async () => {
    const r = await http('GET', '/apis/storage.k8s.io/v1/storageclasses/standard');
    expect(r.body).toMatchObject({
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'kubesim.io/hostpath',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
  });

  it('a claim without class gets the default class, pvc-protection, Filesystem and phase Pending', async () => {
    const r = await http('POST', PVC, claim('data'));
    expect(r).toMatchObject({ code: 201, body: { spec: { storageClassName: 'standard', volumeMode: 'Filesystem' }, metadata: { finalizers: ['kubernetes.io/pvc-protection'] }, status: { phase: 'Pending' } } });
    const explicit = await http('POST', PVC, claim('none', { storageClassName: '' }));
    expect(explicit.body.spec.storageClassName).toBe('');
  });

  it("refuses an incomplete claim with upstream's 422", async () => {
    const r = await http('POST', PVC, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'bad' }, spec: {} });
    expect(r).toMatchObject({
      code: 422,
      body: { reason: 'Invalid', message: 'PersistentVolumeClaim "bad" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]' },
    });
  });

  it('a StorageClass without provisioner, and a parameters change, are refused', async () => {
    const SC = '/apis/storage.k8s.io/v1/storageclasses';
    expect((await http('POST', SC, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'x' } })).body.message).toBe('StorageClass.storage.k8s.io "x" is invalid: provisioner: Required value');
    await http('POST', SC, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'p', parameters: { type: 'ssd' } });
    const r = await http('PATCH', `${SC}/fast`, { parameters: { type: 'hdd' } }, 'application/merge-patch+json');
    expect(r.body.message).toBe('StorageClass.storage.k8s.io "fast" is invalid: parameters: Forbidden: updates to parameters are forbidden.');
  });

  it('a PV gets pv-protection, Retain and Pending', async () => {
    const r = await http('POST', '/api/v1/persistentvolumes', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' } } });
    expect(r).toMatchObject({ code: 201, body: { metadata: { finalizers: ['kubernetes.io/pv-protection'] }, spec: { persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' }, status: { phase: 'Pending' } } });
  });

  it('DELETE of a protected claim marks it; removing the finalizer deletes it', async () => {
    await http('POST', PVC, claim('held'));
    const d = await http('DELETE', `${PVC}/held`);
    expect(d).toMatchObject({ code: 200, body: { kind: 'PersistentVolumeClaim', metadata: { name: 'held', finalizers: ['kubernetes.io/pvc-protection'] } } });
    expect(d.body.metadata.deletionTimestamp).toMatch(/Z$/);
    expect((await http('GET', `${PVC}/held`)).code).toBe(200);
    await http('PATCH', `${PVC}/held`, { metadata: { finalizers: null } }, 'application/merge-patch+json');
    expect((await http('GET', `${PVC}/held`)).code).toBe(404);
  });
});
