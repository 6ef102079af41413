import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl } from './harness';

const CORPUS = join(__dirname, '../../../shared/corpus/k8s-docs-examples/controllers');

/** The kinds served from the resource table, driven by kubectl as a user would (protobuf bodies included). */
describe.skipIf(!hasKubectl)('kubectl with the table-served kinds (skipped: kubectl not installed)', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('kubectl create configmap|secret|serviceaccount (protobuf) and get them with upstream columns', async () => {
    expect((await cluster.kubectl('create', 'configmap', 'game', '--from-literal=lives=3', '--from-literal=level=easy')).stdout).toBe('configmap/game created\n');
    expect((await cluster.kubectl('create', 'secret', 'generic', 'creds', '--from-literal=password=hunter2')).stdout).toBe('secret/creds created\n');
    expect((await cluster.kubectl('create', 'serviceaccount', 'robot')).stdout).toBe('serviceaccount/robot created\n');
    expect((await cluster.kubectl('get', 'configmap', 'game')).stdout).toMatch(/^NAME\s+DATA\s+AGE\ngame\s+2\s+\d+s\n$/);
    expect((await cluster.kubectl('get', 'secret', 'creds')).stdout).toMatch(/^NAME\s+TYPE\s+DATA\s+AGE\ncreds\s+Opaque\s+1\s+\d+s\n$/);
    expect((await cluster.kubectl('get', 'sa', 'robot')).stdout).toMatch(/^NAME\s+SECRETS\s+AGE\nrobot\s+0\s+\d+s\n$/);
    const password = await cluster.kubectl('get', 'secret', 'creds', '-o', 'jsonpath={.data.password}');
    expect(Buffer.from(password.stdout, 'base64').toString()).toBe('hunter2');
    expect((await cluster.kubectl('delete', 'configmap', 'game')).stdout).toBe('configmap "game" deleted\n');
    expect((await cluster.kubectl('get', 'configmap', 'game')).stderr.trim()).toBe('Error from server (NotFound): configmaps "game" not found');
  });

  it('a bad ConfigMap key is refused as kube-apiserver refuses it', async () => {
    const file = join(cluster.dataDir, 'bad-cm.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n  "bad key": x\n');
    const r = await cluster.kubectl('create', '-f', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The ConfigMap "bad" is invalid: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters');
  });

  it('the documentation’s ReplicationController runs 3 nginx pods, scales, and is listed by get all', async () => {
    expect((await cluster.kubectl('apply', '-f', join(CORPUS, 'replication.yaml'))).stdout).toBe('replicationcontroller/nginx created\n');
    await eventually(async () => expect((await cluster.kubectl('get', 'rc', 'nginx')).stdout).toMatch(/nginx\s+3\s+3\s+3\s+\d+s/), 60_000);
    const events = await cluster.kubectl('describe', 'rc', 'nginx');
    expect(events.stdout).toMatch(/SuccessfulCreate\s+\S+\s+replication-controller\s+Created pod: nginx-\w{5}/);
    expect((await cluster.kubectl('scale', 'rc', 'nginx', '--replicas=1')).stdout).toBe('replicationcontroller/nginx scaled\n');
    await eventually(async () => expect((await cluster.kubectl('get', 'pods', '-l', 'app=nginx', '-o', 'name')).stdout.trim().split('\n')).toHaveLength(1), 60_000);
    expect((await cluster.kubectl('get', 'all')).stdout).toContain('replicationcontroller/nginx');
  });

  it('the documentation’s autoscaling/v1 HPA: stored, read back in v1 and v2, honest about having no metrics', async () => {
    expect((await cluster.kubectl('apply', '-f', join(CORPUS, 'frontend.yaml'))).code).toBe(0);
    expect((await cluster.kubectl('apply', '-f', join(CORPUS, 'hpa-rs.yaml'))).stdout).toBe('horizontalpodautoscaler.autoscaling/frontend-scaler created\n');
    const v1 = JSON.parse((await cluster.kubectl('get', '--raw', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/frontend-scaler')).stdout);
    expect(v1.spec).toMatchObject({ minReplicas: 3, maxReplicas: 10, targetCPUUtilizationPercentage: 50 });
    await eventually(async () => {
      const d = await cluster.kubectl('describe', 'hpa', 'frontend-scaler');
      expect(d.stdout).toMatch(/ScalingActive\s+False\s+FailedGetResourceMetric/);
    }, 60_000);
    expect((await cluster.kubectl('get', 'hpa', 'frontend-scaler')).stdout).toMatch(/frontend-scaler\s+ReplicaSet\/frontend\s+cpu: <unknown>\/50%\s+3\s+10\s+3\s+\d+s/);
    expect((await cluster.kubectl('autoscale', 'rs', 'frontend', '--min=4', '--max=5', '--name=more')).stdout).toBe('horizontalpodautoscaler.autoscaling/more autoscaled\n');
    await eventually(async () => expect((await cluster.kubectl('get', 'rs', 'frontend')).stdout).toMatch(/frontend\s+4\s+/), 60_000);
  });

  it('StorageClasses are served under storage.k8s.io and explained', async () => {
    const explain = await cluster.kubectl('explain', 'configmap.data');
    expect(explain.stdout).toContain('Data contains the configuration data.');
    expect((await cluster.kubectl('api-resources', '--api-group=storage.k8s.io')).stdout).toMatch(/storageclasses\s+sc\s+storage\.k8s\.io\/v1\s+false\s+StorageClass/);
  });
});
