import { CoreV1Api, KubeConfig, makeInformer, type V1Pod } from '@kubernetes/client-node';
import { Cluster, eventually } from './harness';

/** The official JavaScript client (@kubernetes/client-node 1.4) against kubesim up. */
describe('@kubernetes/client-node against kubesim', () => {
  let cluster: Cluster;
  let kc: KubeConfig;
  let api: CoreV1Api;

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: 0.1 });
    await cluster.up();
    kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'kubesim', server: cluster.server, skipTLSVerify: true }],
      users: [{ name: 'kubesim' }],
      contexts: [{ name: 'kubesim', cluster: 'kubesim', user: 'kubesim', namespace: 'default' }],
      currentContext: 'kubesim',
    });
    api = kc.makeApiClient(CoreV1Api);
  });
  afterAll(async () => {
    await cluster?.downAll();
  });

  const pod = (name: string): V1Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } });

  it('lists, creates and deletes pods', async () => {
    expect((await api.listNamespacedPod({ namespace: 'default' })).items).toEqual([]);
    const created = await api.createNamespacedPod({ namespace: 'default', body: pod('from-client') });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.spec?.restartPolicy).toBe('Always');
    expect((await api.listNamespacedPod({ namespace: 'default' })).items.map((p) => p.metadata?.name)).toEqual(['from-client']);
    await api.deleteNamespacedPod({ namespace: 'default', name: 'from-client', gracePeriodSeconds: 0 });
    await eventually(async () => expect((await api.listNamespacedPod({ namespace: 'default' })).items).toEqual([]));
  });

  it('an informer sees a pod added, updated as it starts, and deleted', async () => {
    const informer = makeInformer(kc, '/api/v1/namespaces/default/pods', () => api.listNamespacedPod({ namespace: 'default' }));
    const seen: string[] = [];
    informer.on('add', (p) => seen.push(`add ${p.metadata?.name}`));
    informer.on('update', (p) => seen.push(`update ${p.metadata?.name} ${p.status?.phase}`));
    informer.on('delete', (p) => seen.push(`delete ${p.metadata?.name}`));
    await informer.start();
    try {
      await api.createNamespacedPod({ namespace: 'default', body: pod('watched') });
      await eventually(async () => expect(seen).toContain('update watched Running'), 30_000);
      await api.deleteNamespacedPod({ namespace: 'default', name: 'watched' });
      await eventually(async () => expect(seen).toContain('delete watched'), 30_000);
      expect(seen[0]).toBe('add watched');
      expect(informer.list('default').map((p) => p.metadata?.name)).toEqual([]);
    } finally {
      await informer.stop();
    }
  });

  it('an informer recovers when its resourceVersion has expired (410): it re-lists and keeps going', async () => {
    const informer = makeInformer(kc, '/api/v1/namespaces/default/pods', () => api.listNamespacedPod({ namespace: 'default' }));
    const adds: string[] = [];
    const errors: unknown[] = [];
    informer.on('add', (p) => adds.push(p.metadata?.name ?? ''));
    // client-node's documented pattern: an informer whose connection broke is started again; it then
    // re-watches from its last resourceVersion, gets the 410, and re-lists.
    informer.on('error', (e) => {
      errors.push(e);
      setTimeout(() => void informer.start().catch(() => undefined), 200);
    });
    await informer.start();
    try {
      await api.createNamespacedPod({ namespace: 'default', body: pod('before-restart') });
      await eventually(async () => expect(adds).toContain('before-restart'), 30_000);
      const seenRv = (await api.listNamespacedPod({ namespace: 'default' })).metadata?.resourceVersion;
      // Other writes move the log on; a graceful stop snapshots the state at that point, and the
      // restarted apiserver keeps no watch history from before it.
      await api.createNamespace({ body: { metadata: { name: 'elsewhere' } } });
      const pid = cluster.pid('apiserver');
      process.kill(pid, 'SIGTERM');
      await eventually(async () => expect(() => process.kill(pid, 0)).toThrow(), 30_000);
      cluster.startAgain('apiserver');
      await eventually(async () => expect((await fetch(`${cluster.server}/healthz`)).ok).toBe(true), 30_000);
      const stale = await (await fetch(`${cluster.server}/api/v1/namespaces/default/pods?watch=1&resourceVersion=${seenRv}&timeoutSeconds=1`)).text();
      expect(JSON.parse(stale.split('\n')[0])).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
      await api.createNamespacedPod({ namespace: 'default', body: pod('after-restart') });
      await eventually(async () => expect(informer.list('default').map((p) => p.metadata?.name).sort()).toEqual(['after-restart', 'before-restart']), 60_000, 250);
      expect(errors.length).toBeGreaterThanOrEqual(1);
    } finally {
      await informer.stop();
    }
  });

  it('reads nodes and their status', async () => {
    const nodes = await api.listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['node-1', 'node-2']);
    expect(nodes.items[0].status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });
});
