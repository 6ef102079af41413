import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, eventually, hasKubectl } from './harness';

/** agnhost netexec behind a Service; ready while /tmp/unready does not exist. */
const web = (name: string, replicas: number, service: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: web
        image: registry.k8s.io/e2e-test-images/agnhost:2.39
        args: [netexec, --http-port=8080]
        ports:
        - {name: http, containerPort: 8080}
        readinessProbe:
          exec:
            command: [sh, -c, "test ! -e /tmp/unready"]
          periodSeconds: 2
          failureThreshold: 1
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: {app: ${name}}
${service}  ports:
  - port: 80
    targetPort: http
`;

/** Endpoints, EndpointSlices and kube-proxy following readiness, with kubectl on `kubesim up` at time scale 0.2. */
describe.skipIf(!hasKubectl)('Service endpoints with kubectl (skipped: kubectl not installed)', () => {
  let cluster: Cluster;
  const apply = async (name: string, body: string) => {
    const f = join(cluster.dataDir, `${name}.yaml`);
    writeFileSync(f, body);
    return cluster.kubectlOk('apply', '-f', f);
  };
  const endpointsCell = async (svc: string) => (await cluster.kubectlOk('get', 'endpoints', svc, '--no-headers')).trim().split(/\s+/).slice(1, -1).join(' ');
  const podIPs = async (selector: string) => (await cluster.kubectlOk('get', 'pods', '-l', selector, '-o', 'jsonpath={range .items[*]}{.status.podIP}{"\\n"}{end}')).split('\n').filter(Boolean).sort();
  const ready = async (selector: string) => (await cluster.kubectlOk('get', 'pods', '-l', selector, '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}')).split('\n').filter(Boolean);
  /** One request from the busybox pod to the Service, as a user would send it. */
  const request = (url: string) => cluster.kubectl('exec', 'client', '--', 'wget', '-qO-', '-T', '2', url);
  /** The pods that answered `n` requests in a row (each must succeed). */
  const answers = async (url: string, n: number) => {
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const r = await request(url);
      expect(r.code).toBe(0);
      seen.add(r.stdout.trim());
    }
    return seen;
  };

  beforeAll(async () => {
    cluster = await Cluster.create({ nodes: 2, timeScale: 0.2 });
    await cluster.up();
    await cluster.kubectlOk('run', 'client', '--image=busybox:1.36', '--', 'sleep', '100000');
    await cluster.kubectlOk('wait', '--for=condition=Ready', 'pod/client', '--timeout=60s');
  }, 150_000);
  afterAll(async () => {
    await cluster?.down();
  });

  it('the kubernetes Service has the apiserver as its endpoints', async () => {
    expect(await eventually(async () => ((await endpointsCell('kubernetes')) === '172.18.0.2:6443' ? 'ok' : Promise.reject(new Error('no endpoints yet'))))).toBe('ok');
    expect(await cluster.kubectlOk('get', 'endpointslice', 'kubernetes', '--no-headers')).toMatch(/^kubernetes\s+IPv4\s+6443\s+172\.18\.0\.2\s+\d+s\n$/);
  });

  it('a Deployment of 3 behind a Service: 3 addresses in kubectl get endpoints, one EndpointSlice, describe svc, requests reaching every pod', async () => {
    await apply('web', web('web', 3, ''));
    await cluster.kubectlOk('rollout', 'status', 'deployment/web', '--timeout=90s');
    const ips = await podIPs('app=web');
    expect(ips).toHaveLength(3);
    const want = ips.map((ip) => `${ip}:8080`).join(',');
    await eventually(async () => ((await endpointsCell('web')) === want ? true : Promise.reject(new Error(await endpointsCell('web')))));
    const header = (await cluster.kubectlOk('get', 'endpoints', 'web')).split('\n')[0];
    expect(header).toMatch(/^NAME\s+ENDPOINTS\s+AGE$/);

    const slices = await cluster.kubectlOk('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web');
    expect(slices.split('\n')[0]).toMatch(/^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE$/);
    const rows = slices.split('\n').slice(1).filter(Boolean);
    expect(rows).toHaveLength(1);
    const [, sliceName, addressType, ports, endpoints] = /^(web-[a-z0-9]{5})\s+(\S+)\s+(\S+)\s+(\S+)\s+\d+s$/.exec(rows[0])!;
    expect([addressType, ports, endpoints.split(',').sort()]).toEqual(['IPv4', '8080', ips]);
    expect(await cluster.kubectlOk('get', 'endpointslice', sliceName, '-o', 'jsonpath={.metadata.labels.endpointslice\\.kubernetes\\.io/managed-by} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}')).toBe('endpointslice-controller.k8s.io Service/web');

    const describe = await cluster.kubectlOk('describe', 'svc', 'web');
    expect(describe).toMatch(/\nTargetPort:\s+http\/TCP\n/);
    expect(describe.match(/\nEndpoints:\s+(\S*)\n/)![1].split(',').sort()).toEqual(ips.map((ip) => `${ip}:8080`));

    const names = (await cluster.kubectlOk('get', 'pods', '-l', 'app=web', '-o', 'name')).split('\n').filter(Boolean).map((n) => n.replace('pod/', ''));
    // The client's kubelet sees the slice a moment after the apiserver does.
    await eventually(async () => expect([...(await answers('http://web/hostname', 6))].sort()).toEqual([...names].sort()));
  });

  it('a failing readiness probe takes a pod out of the endpoints and of rotation; passing again brings it back', async () => {
    const names = (await cluster.kubectlOk('get', 'pods', '-l', 'app=web', '-o', 'name')).split('\n').filter(Boolean).map((n) => n.replace('pod/', ''));
    const [victim] = names;
    const victimIP = (await cluster.kubectlOk('get', 'pod', victim, '-o', 'jsonpath={.status.podIP}')).trim();
    await cluster.kubectlOk('exec', victim, '--', 'touch', '/tmp/unready');
    await eventually(async () => ((await ready('app=web')).includes(`${victim}=False`) ? true : Promise.reject(new Error('still ready'))));
    await eventually(async () => ((await endpointsCell('web')).includes(victimIP) ? Promise.reject(new Error('still listed')) : true));
    expect((await endpointsCell('web')).split(',')).toHaveLength(2);
    const notReady = await cluster.kubectlOk('get', 'endpoints', 'web', '-o', 'jsonpath={.subsets[0].notReadyAddresses[*].ip}');
    expect(notReady).toBe(victimIP);
    await eventually(async () => {
      const conditions = await cluster.kubectlOk('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o', `jsonpath={.items[0].endpoints[?(@.targetRef.name=="${victim}")].conditions}`);
      expect(JSON.parse(conditions)).toEqual({ ready: false, serving: false, terminating: false });
    });
    // Once the client's kubelet has the slice, no request reaches the pod: 6 in a row, then 6 more.
    await eventually(async () => expect(await answers('http://web.default.svc.cluster.local/hostname', 6)).not.toContain(victim));
    const after = await answers('http://web.default.svc.cluster.local/hostname', 6);
    expect(after.size).toBe(2);
    expect(after).not.toContain(victim);

    await cluster.kubectlOk('exec', victim, '--', 'rm', '/tmp/unready');
    await eventually(async () => ((await endpointsCell('web')).split(',').length === 3 && (await endpointsCell('web')).includes(victimIP) ? true : Promise.reject(new Error('not back'))));
    await eventually(async () => expect(await answers('http://web/hostname', 6)).toContain(victim));
  });

  it('scaled to 0: no endpoints, a placeholder slice, and a request from a busybox pod is refused', async () => {
    const clusterIP = (await cluster.kubectlOk('get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}')).trim();
    await cluster.kubectlOk('scale', 'deployment/web', '--replicas=0');
    await eventually(async () => ((await endpointsCell('web')) === '<none>' ? true : Promise.reject(new Error(await endpointsCell('web')))), 60_000);
    await eventually(async () => (/^web-[a-z0-9]{5}\s+IPv4\s+<unset>\s+<unset>\s+\d+s$/.test((await cluster.kubectlOk('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '--no-headers')).trim()) ? true : Promise.reject(new Error('no placeholder'))));
    expect(await cluster.kubectlOk('describe', 'svc', 'web')).toMatch(/\nEndpoints:\s*\n/);
    await eventually(async () => {
      const r = await request('http://web/hostname');
      expect([r.code, r.stderr]).toEqual([1, `wget: can't connect to remote host (${clusterIP}): Connection refused\ncommand terminated with exit code 1\n`]);
    });
  });

  it('a terminating pod leaves the Endpoints at once; its slice endpoint says terminating and serving, and it still drains requests', async () => {
    await apply('drain', `apiVersion: v1
kind: Pod
metadata:
  name: drain
  labels: {app: drain}
spec:
  terminationGracePeriodSeconds: 60
  containers:
  - name: web
    image: registry.k8s.io/e2e-test-images/agnhost:2.39
    args: [netexec, --http-port=8080]
    ports:
    - {name: http, containerPort: 8080}
    lifecycle:
      preStop:
        exec:
          command: [sleep, "30"]
---
apiVersion: v1
kind: Service
metadata:
  name: drain
spec:
  selector: {app: drain}
  ports:
  - port: 80
    targetPort: http
`);
    await cluster.kubectlOk('wait', '--for=condition=Ready', 'pod/drain', '--timeout=60s');
    const [ip] = await podIPs('app=drain');
    await eventually(async () => ((await endpointsCell('drain')) === `${ip}:8080` ? true : Promise.reject(new Error(await endpointsCell('drain')))));
    await cluster.kubectlOk('delete', 'pod', 'drain', '--wait=false');
    await eventually(async () => {
      const c = await cluster.kubectlOk('get', 'endpointslices', '-l', 'kubernetes.io/service-name=drain', '-o', 'jsonpath={.items[0].endpoints[0].conditions}');
      return c && JSON.parse(c).terminating === true ? JSON.parse(c) : Promise.reject(new Error(c));
    }).then((c) => expect(c).toEqual({ ready: false, serving: true, terminating: true }));
    await eventually(async () => expect(await endpointsCell('drain')).toBe('<none>'));
    await eventually(async () => {
      const r = await request('http://drain/hostname');
      expect([r.code, r.stdout.trim()]).toEqual([0, 'drain']);
    });
  });

  it('publishNotReadyAddresses: a pod that is not Ready is still an address, and the slice says ready but not serving', async () => {
    await apply('pnra', web('pnra', 1, '  publishNotReadyAddresses: true\n'));
    await cluster.kubectlOk('rollout', 'status', 'deployment/pnra', '--timeout=90s');
    const [pod] = (await cluster.kubectlOk('get', 'pods', '-l', 'app=pnra', '-o', 'name')).split('\n').filter(Boolean).map((n) => n.replace('pod/', ''));
    const [ip] = await podIPs('app=pnra');
    await cluster.kubectlOk('exec', pod, '--', 'touch', '/tmp/unready');
    await eventually(async () => ((await ready('app=pnra')).includes(`${pod}=False`) ? true : Promise.reject(new Error('still ready'))));
    await eventually(async () => {
      const c = await cluster.kubectlOk('get', 'endpointslices', '-l', 'kubernetes.io/service-name=pnra', '-o', 'jsonpath={.items[0].endpoints[0].conditions}');
      return c && JSON.parse(c).serving === false ? true : Promise.reject(new Error(c));
    });
    await eventually(async () => expect(await endpointsCell('pnra')).toBe(`${ip}:8080`));
    await eventually(async () => expect((await request('http://pnra/hostname')).stdout.trim()).toBe(pod));
  });

  it('a Service without a selector and hand-written Endpoints: mirrored into an EndpointSlice, and requests reach the address', async () => {
    await cluster.kubectlOk('run', 'backend', '--image=registry.k8s.io/e2e-test-images/agnhost:2.39', '--port=8080', '--', 'netexec', '--http-port=8080');
    await cluster.kubectlOk('wait', '--for=condition=Ready', 'pod/backend', '--timeout=60s');
    const ip = (await cluster.kubectlOk('get', 'pod', 'backend', '-o', 'jsonpath={.status.podIP}')).trim();
    await apply('manual', `apiVersion: v1
kind: Service
metadata:
  name: manual
spec:
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: Endpoints
metadata:
  name: manual
subsets:
- addresses:
  - ip: ${ip}
  ports:
  - port: 8080
`);
    const row = await eventually(async () => {
      const out = (await cluster.kubectlOk('get', 'endpointslices', '-l', 'endpointslice.kubernetes.io/managed-by=endpointslicemirroring-controller.k8s.io', '--no-headers')).trim();
      return out ? out : Promise.reject(new Error('not mirrored yet'));
    });
    expect(row).toMatch(new RegExp(`^manual-[a-z0-9]{5}\\s+IPv4\\s+8080\\s+${ip.replace(/\./g, '\\.')}\\s+\\d+s$`));
    expect(await endpointsCell('manual')).toBe(`${ip}:8080`);
    await eventually(async () => expect((await request('http://manual/hostname')).stdout.trim()).toBe('backend'));
  });
});
