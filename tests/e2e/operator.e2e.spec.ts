import { AppsV1Api, CustomObjectsApi, KubeConfig, KubernetesObjectApi, PatchStrategy, setHeaderOptions, type V1Deployment } from '@kubernetes/client-node';
import { Cluster, eventually } from './harness';

const TIME_SCALE = 0.02;
const s = (seconds: number) => seconds * 1000 * TIME_SCALE;
const GROUP = 'demo.kubesim.io';
const USER_AGENT = 'webapp-operator/0.1';
const MANAGER = 'webapp-operator';

const CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `webapps.${GROUP}` },
  spec: {
    group: GROUP,
    scope: 'Namespaced',
    names: { plural: 'webapps', singular: 'webapp', kind: 'WebApp' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { type: 'object', properties: { image: { type: 'string' }, replicas: { type: 'integer', minimum: 0, default: 1 } } },
              status: { type: 'object', properties: { readyReplicas: { type: 'integer' }, deployment: { type: 'string' } } },
            },
          },
        },
      },
    ],
  },
};

type WebApp = { metadata: { name: string; namespace: string; uid: string }; spec: { image: string; replicas: number }; status?: { readyReplicas?: number } };

/**
 * A small operator, written as operator authors write them with @kubernetes/client-node: for each
 * WebApp it server-side-applies a Deployment owned by it, and applies the Deployment's ready count
 * to the WebApp's status subresource. It reconciles on every WebApp change it watches and on a
 * short resync, as controller-runtime requeues.
 */
class WebAppOperator {
  private readonly objects: KubernetesObjectApi;
  private readonly custom: CustomObjectsApi;
  private readonly apps: AppsV1Api;
  private timer?: NodeJS.Timeout;
  private watch?: AbortController;
  reconciles = 0;
  /** The last reconcile's failure, if it failed (a resync retries). */
  lastError: unknown;

  constructor(kc: KubeConfig) {
    this.objects = KubernetesObjectApi.makeApiClient(kc);
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.apps = kc.makeApiClient(AppsV1Api);
  }

  private apply = (contentType: string = PatchStrategy.ServerSideApply) => setHeaderOptions('User-Agent', USER_AGENT, setHeaderOptions('Content-Type', contentType));

  async start() {
    this.timer = setInterval(() => void this.reconcileAll().then(() => (this.lastError = undefined), (e: unknown) => (this.lastError = e)), 300);
    await this.reconcileAll();
  }

  stop() {
    clearInterval(this.timer);
    this.watch?.abort();
  }

  private async reconcileAll() {
    const list = (await this.custom.listNamespacedCustomObject({ group: GROUP, version: 'v1', namespace: 'default', plural: 'webapps' }, setHeaderOptions('User-Agent', USER_AGENT))) as { items: WebApp[] };
    for (const app of list.items) await this.reconcile(app);
  }

  private async reconcile(app: WebApp) {
    this.reconciles++;
    const name = `webapp-${app.metadata.name}`;
    const deployment: V1Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace: app.metadata.namespace,
        labels: { 'app.kubernetes.io/managed-by': MANAGER },
        ownerReferences: [{ apiVersion: `${GROUP}/v1`, kind: 'WebApp', name: app.metadata.name, uid: app.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        replicas: app.spec.replicas,
        selector: { matchLabels: { webapp: app.metadata.name } },
        template: { metadata: { labels: { webapp: app.metadata.name } }, spec: { containers: [{ name: 'web', image: app.spec.image }] } },
      },
    };
    await this.objects.patch(deployment, undefined, undefined, MANAGER, true, PatchStrategy.ServerSideApply);
    const live = await this.apps.readNamespacedDeployment({ name, namespace: app.metadata.namespace }, setHeaderOptions('User-Agent', USER_AGENT));
    const ready = live.status?.readyReplicas ?? 0;
    if (app.status?.readyReplicas === ready) return;
    await this.custom.patchNamespacedCustomObjectStatus(
      { group: GROUP, version: 'v1', namespace: app.metadata.namespace, plural: 'webapps', name: app.metadata.name, fieldManager: MANAGER, force: true, body: { apiVersion: `${GROUP}/v1`, kind: 'WebApp', metadata: { name: app.metadata.name }, status: { readyReplicas: ready, deployment: name } } },
      this.apply(),
    );
  }
}

/** An operator against kubesim: it runs, a node under it is killed, it recovers, and the log tells what it did. */
describe('an operator written with @kubernetes/client-node', () => {
  let cluster: Cluster;
  let kc: KubeConfig;
  let operator: WebAppOperator;
  let victim = '';
  const webapp = (replicas: number) => ({ apiVersion: `${GROUP}/v1`, kind: 'WebApp', metadata: { name: 'demo', namespace: 'default' }, spec: { image: 'nginx:1.27', replicas } });
  const custom = () => kc.makeApiClient(CustomObjectsApi);
  const readApp = async () => (await custom().getNamespacedCustomObject({ group: GROUP, version: 'v1', namespace: 'default', plural: 'webapps', name: 'demo' })) as WebApp & { metadata: { managedFields?: { manager: string; operation: string; subresource?: string }[] } };

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: TIME_SCALE });
    await cluster.up();
    kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'kubesim', server: cluster.server, skipTLSVerify: true }],
      users: [{ name: 'kubesim' }],
      contexts: [{ name: 'kubesim', cluster: 'kubesim', user: 'kubesim', namespace: 'default' }],
      currentContext: 'kubesim',
    });
  });
  afterAll(async () => {
    operator?.stop();
    await cluster?.downAll();
  });

  it('installs its CRD; the operator makes a Deployment per WebApp, owned by it, and writes status back', async () => {
    await KubernetesObjectApi.makeApiClient(kc).create(CRD);
    await eventually(async () => expect((await fetch(`${cluster.server}/apis/${GROUP}/v1/namespaces/default/webapps`)).status).toBe(200), 15_000, 50);
    operator = new WebAppOperator(kc);
    await operator.start();
    await custom().createNamespacedCustomObject({ group: GROUP, version: 'v1', namespace: 'default', plural: 'webapps', body: webapp(2) });
    await eventually(async () => expect([String(operator.lastError ?? ''), (await readApp()).status?.readyReplicas]).toEqual(['', 2]), 60_000, 250);
    const d = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'webapp-demo', namespace: 'default' });
    expect(d.metadata?.ownerReferences).toEqual([expect.objectContaining({ kind: 'WebApp', name: 'demo', controller: true, blockOwnerDeletion: true })]);
    expect(d.metadata?.managedFields?.find((m) => m.manager === MANAGER)).toMatchObject({ operation: 'Apply', apiVersion: 'apps/v1' });
    expect((await readApp()).metadata.managedFields?.find((m) => m.manager === MANAGER)).toMatchObject({ operation: 'Apply', subresource: 'status' });
  });

  it('a node under it is killed: its Deployment recovers on the other node and the status says so again', async () => {
    const pods = async () => (await (await fetch(`${cluster.server}/api/v1/namespaces/default/pods?labelSelector=webapp%3Ddemo`)).json()) as { items: { metadata: { name: string; deletionTimestamp?: string }; spec: { nodeName?: string }; status: { phase: string } }[] };
    victim = (await pods()).items[0].spec.nodeName!;
    expect((await cluster.cli('node', 'kill', victim, '--data-dir', cluster.dataDir)).code).toBe(0);
    await eventually(async () => expect((await readApp()).status?.readyReplicas).toBeLessThan(2), s(60) + 20_000, 250);
    await eventually(async () => {
      const running = (await pods()).items.filter((p) => !p.metadata.deletionTimestamp && p.status.phase === 'Running' && p.spec.nodeName !== victim);
      expect(running).toHaveLength(2);
      expect((await readApp()).status?.readyReplicas).toBe(2);
    }, s(60 + 300) + 60_000, 250);
  });

  it('kubesim replay --manager shows the operator’s writes: the Deployment applied, the WebApp status applied', async () => {
    const r = await cluster.cli('replay', '--data-dir', cluster.dataDir, '--manager', MANAGER);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^SEQ\s+TIME\s+OBJECT\s+OPERATION\s+SUBRESOURCE\s+EVENTS$/);
    expect(lines).toContainEqual(expect.stringMatching(/^\d+\s+\S+Z\s+Deployment default\/webapp-demo\s+Apply\s+ObjectCreated$/));
    const statusWrites = lines.filter((l) => /WebApp default\/demo\s+Apply\s+status\s+ObjectStatusUpdated$/.test(l));
    expect(statusWrites.length).toBeGreaterThanOrEqual(3); // 2 ready, fewer after the kill, 2 again
    expect(lines.some((l) => l.includes('kubelet'))).toBe(false);
  });

  it('deleting the WebApp in the foreground takes its Deployment and pods first', async () => {
    operator.stop();
    // The pods evicted from the killed node wait for it to confirm them gone: start it again.
    expect((await cluster.cli('node', 'start', victim, '--data-dir', cluster.dataDir)).code).toBe(0);
    await custom().deleteNamespacedCustomObject({ group: GROUP, version: 'v1', namespace: 'default', plural: 'webapps', name: 'demo', propagationPolicy: 'Foreground' });
    await eventually(async () => {
      expect((await fetch(`${cluster.server}/apis/${GROUP}/v1/namespaces/default/webapps/demo`)).status).toBe(404);
      expect((await fetch(`${cluster.server}/apis/apps/v1/namespaces/default/deployments/webapp-demo`)).status).toBe(404);
    }, 60_000, 250);
  });
});
