import { Cluster, eventually, hasKubectl } from './harness';

/**
 * The imperative commands of the Kubernetes tutorials (hello-minikube, "Using a Service to Expose
 * Your App"), typed as the docs print them. `kubectl create deployment|service` send protobuf
 * bodies; `expose`, `run` and the PATCH commands send JSON.
 */
describe.skipIf(!hasKubectl)('kubectl imperative commands against kubesim (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const k = (...args: string[]) => cluster.kubectl(...args);
  const ok = (...args: string[]) => cluster.kubectlOk(...args);
  const json = async (...args: string[]) => JSON.parse(await ok(...args, '-o', 'json'));
  const runningPods = async (selector: string) =>
    (await json('get', 'pods', '-l', selector)).items.filter((p: any) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp);

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: 0.1 });
    await cluster.up();
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it('kubectl create deployment hello-node --image=…agnhost:2.39 -- /agnhost netexec --http-port=8080', async () => {
    const out = await ok('create', 'deployment', 'hello-node', '--image=registry.k8s.io/e2e-test-images/agnhost:2.39', '--', '/agnhost', 'netexec', '--http-port=8080');
    expect(out).toBe('deployment.apps/hello-node created\n');
    const d = await json('get', 'deployment', 'hello-node');
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'hello-node' } });
    expect(d.spec.template.spec.containers).toMatchObject([{ name: 'agnhost', image: 'registry.k8s.io/e2e-test-images/agnhost:2.39', command: ['/agnhost', 'netexec', '--http-port=8080'] }]);
    await eventually(async () => expect(await ok('get', 'deployment', 'hello-node')).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nhello-node\s+1\/1\s+1\s+1\s+\d+s\n$/), 60_000, 500);
  });

  it('kubectl create deployment nginx --image=nginx --replicas=3: three Running pods', async () => {
    expect(await ok('create', 'deployment', 'nginx', '--image=nginx', '--replicas=3')).toBe('deployment.apps/nginx created\n');
    await eventually(async () => expect(await runningPods('app=nginx')).toHaveLength(3), 60_000, 500);
  });

  it('kubectl expose deployment hello-node --type=LoadBalancer --port=8080: EXTERNAL-IP <pending>, a node port', async () => {
    expect(await ok('expose', 'deployment', 'hello-node', '--type=LoadBalancer', '--port=8080')).toBe('service/hello-node exposed\n');
    const table = await ok('get', 'svc', 'hello-node');
    expect(table).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nhello-node\s+LoadBalancer\s+10\.96\.\d+\.\d+\s+<pending>\s+8080:3\d{4}\/TCP\s+\d+s\n$/);
    const svc = await json('get', 'svc', 'hello-node');
    expect(svc.spec).toMatchObject({ type: 'LoadBalancer', selector: { app: 'hello-node' }, externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true });
    expect(svc.spec.ports).toEqual([{ port: 8080, protocol: 'TCP', targetPort: 8080, nodePort: expect.any(Number) }]);
    expect(svc.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(svc.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
  });

  it('kubectl create service clusterip my-svc --tcp=80:8080', async () => {
    expect(await ok('create', 'service', 'clusterip', 'my-svc', '--tcp=80:8080')).toBe('service/my-svc created\n');
    expect(await ok('get', 'svc', 'my-svc', '--no-headers')).toMatch(/^my-svc\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP\s+\d+s\n$/);
    expect((await json('get', 'svc', 'my-svc')).spec.ports).toEqual([{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }]);
  });

  it('kubectl create service nodeport --node-port, and the same port again → kube-apiserver’s 422', async () => {
    expect(await ok('create', 'service', 'nodeport', 'np', '--tcp=5678:8080', '--node-port=30080')).toBe('service/np created\n');
    expect(await ok('get', 'svc', 'np', '--no-headers')).toMatch(/^np\s+NodePort\s+10\.96\.\d+\.\d+\s+<none>\s+5678:30080\/TCP\s+\d+s\n$/);
    const again = await k('create', 'service', 'nodeport', 'np2', '--tcp=5678:8080', '--node-port=30080');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('error: failed to create NodePort service: Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n');
  });

  it('kubectl create service externalname: EXTERNAL-IP is the name', async () => {
    expect(await ok('create', 'service', 'externalname', 'ext', '--external-name=example.com')).toBe('service/ext created\n');
    expect(await ok('get', 'svc', 'ext', '--no-headers')).toMatch(/^ext\s+ExternalName\s+<none>\s+example\.com\s+<none>\s+\d+s\n$/);
  });

  it('kubectl run nginx --image=nginx (JSON): pod/nginx created, then Running', async () => {
    expect(await ok('run', 'nginx', '--image=nginx')).toBe('pod/nginx created\n');
    await eventually(async () => expect(await runningPods('run=nginx')).toHaveLength(1), 60_000, 500);
  });

  it('kubectl set image pod/nginx nginx=nginx:1.27: the kubelet replaces the container, the pod stays Running with RESTARTS 1', async () => {
    expect(await ok('set', 'image', 'pod/nginx', 'nginx=nginx:1.27')).toBe('pod/nginx image updated\n');
    await eventually(
      async () => {
        const [c] = (await json('get', 'pod', 'nginx')).status.containerStatuses;
        expect(c).toMatchObject({ image: 'docker.io/library/nginx:1.27', restartCount: 1, state: { running: {} }, lastState: { terminated: {} } });
      },
      60_000,
      500,
    );
    expect((await json('get', 'pod', 'nginx')).status.phase).toBe('Running');
    const events = await ok('get', 'events', '--field-selector', 'involvedObject.name=nginx', '-o', 'custom-columns=REASON:.reason,MESSAGE:.message', '--no-headers');
    expect(events).toMatch(/Killing\s+Container nginx definition changed, will be restarted/);
    expect(events).toMatch(/Pulling\s+Pulling image "nginx:1.27"/);
  });

  it('set image, scale, label, annotate (PATCH) on the created deployment', async () => {
    expect(await ok('set', 'image', 'deployment/nginx', 'nginx=nginx:1.25')).toBe('deployment.apps/nginx image updated\n');
    expect(await ok('scale', 'deployment', 'nginx', '--replicas=2')).toBe('deployment.apps/nginx scaled\n');
    expect(await ok('label', 'deployment', 'nginx', 'tier=web')).toBe('deployment.apps/nginx labeled\n');
    expect(await ok('annotate', 'deployment', 'nginx', 'note=hi')).toBe('deployment.apps/nginx annotated\n');
    const d = await json('get', 'deployment', 'nginx');
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.25');
    expect(d.metadata.labels).toEqual({ app: 'nginx', tier: 'web' });
    expect(d.metadata.annotations).toMatchObject({ note: 'hi' });
    await eventually(async () => {
      const pods = await runningPods('app=nginx');
      expect(pods.map((p: any) => p.spec.containers[0].image)).toEqual(['nginx:1.25', 'nginx:1.25']);
    }, 90_000, 500);
  });

  it('rollout undo of a created deployment (the tutorial’s last step): its first ReplicaSet comes back as revision 3', async () => {
    await ok('rollout', 'status', 'deployment/nginx', '--timeout=60s');
    expect((await json('get', 'deployment', 'nginx')).metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '2' });
    expect(await ok('rollout', 'undo', 'deployment/nginx')).toBe('deployment.apps/nginx rolled back\n');
    await ok('rollout', 'status', 'deployment/nginx', '--timeout=60s');
    const d = await json('get', 'deployment', 'nginx');
    expect(d.spec.template.spec.containers[0].image).toBe('nginx');
    await eventually(async () => expect(await ok('rollout', 'history', 'deployment/nginx')).toMatch(/^deployment\.apps\/nginx \nREVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>\n\n$/), 10_000);
    expect((await json('get', 'rs', '-l', 'app=nginx')).items).toHaveLength(2);
  });

  it('bad input: an invalid name and a duplicate are refused with kube-apiserver’s lines', async () => {
    const bad = await k('create', 'deployment', 'Bad', '--image=nginx');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: failed to create deployment: Deployment\.apps "Bad" is invalid: metadata\.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain must consist of/);
    const dup = await k('create', 'deployment', 'nginx', '--image=nginx');
    expect(dup.stderr).toBe('error: failed to create deployment: deployments.apps "nginx" already exists\n');
  });

  it('--dry-run=server is admitted and answered but changes nothing; kubectl diff shows what apply would change', async () => {
    expect(await ok('create', 'service', 'clusterip', 'dry', '--tcp=80:8080', '--dry-run=server')).toBe('service/dry created (server dry run)\n');
    expect((await k('get', 'svc', 'dry')).stderr).toBe('Error from server (NotFound): services "dry" not found\n');
    const refused = await k('create', 'deployment', 'Bad', '--image=nginx', '--dry-run=server');
    expect(refused.stderr).toMatch(/^error: failed to create deployment: Deployment\.apps "Bad" is invalid: metadata\.name: Invalid value: "Bad"/);
    const replicas = (await json('get', 'deployment', 'nginx')).spec.replicas;
    expect(await ok('scale', 'deployment', 'nginx', '--replicas=5', '--dry-run=server')).toBe('deployment.apps/nginx scaled (server dry run)\n');
    expect((await json('get', 'deployment', 'nginx')).spec.replicas).toBe(replicas);
    expect(await ok('create', 'deployment', 'dry', '--image=nginx', '--dry-run=client')).toBe('deployment.apps/dry created (dry run)\n');

    const manifest = (await ok('get', 'deployment', 'nginx', '-o', 'yaml')).replace(`  replicas: ${replicas}\n`, `  replicas: ${replicas + 7}\n`);
    const diff = await cluster.kubectlWithInput(manifest, 'diff', '-f', '-');
    expect(diff.code).toBe(1); // kubectl diff: 1 = there are differences
    expect(diff.stdout).toMatch(new RegExp(`^-  replicas: ${replicas}$`, 'm'));
    expect(diff.stdout).toMatch(new RegExp(`^\\+  replicas: ${replicas + 7}$`, 'm'));
    expect((await json('get', 'deployment', 'nginx')).spec.replicas).toBe(replicas);
  });

  it('kinds kubesim does not serve: kubectl says which resource was not found', async () => {
    const pc = await k('create', 'priorityclass', 'high', '--value=1000');
    expect(pc.code).toBe(1);
    expect(pc.stderr).toBe('error: failed to create priorityclass: the server could not find the requested resource (post priorityclasses.scheduling.k8s.io)\n');
    const ingress = await k('create', 'ingress', 'simple', '--rule=foo.com/bar=svc1:8080');
    expect(ingress.stderr).toBe('error: failed to create ingress: the server could not find the requested resource (post ingresses.networking.k8s.io)\n');
  });
});
