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
    await cluster?.down();
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

  it('reads nodes and their status', async () => {
    const nodes = await api.listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['node-1', 'node-2']);
    expect(nodes.items[0].status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });
});
