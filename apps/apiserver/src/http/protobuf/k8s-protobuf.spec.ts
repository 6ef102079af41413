import { decodeK8sProtobuf } from './k8s-protobuf';
import { bytesOf, KUBECTL_BODIES as K } from './kubectl-bodies.fixture';

// A tiny protobuf writer for the cases kubectl's own bodies do not cover.
const varint = (n: number | bigint) => {
  const out: number[] = [];
  let v = BigInt.asUintN(64, BigInt(n));
  for (; v >= 0x80n; v >>= 7n) out.push(Number(v & 0x7fn) | 0x80);
  return Buffer.from([...out, Number(v)]);
};
const ld = (no: number, ...parts: (Buffer | string)[]) => {
  const b = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  return Buffer.concat([varint((no << 3) | 2), varint(b.length), b]);
};
const vi = (no: number, n: number | bigint) => Buffer.concat([varint(no << 3), varint(n)]);
const envelope = (apiVersion: string, kind: string, ...object: Buffer[]) => Buffer.concat([Buffer.from('k8s\0', 'latin1'), ld(1, ld(1, apiVersion), ld(2, kind)), ld(2, ...object)]);
const entry = (k: string, v: Buffer | string) => Buffer.concat([ld(1, k), ld(2, v)]);

const status = (code: number, message: string) => expect.objectContaining({ status: expect.objectContaining({ code, message: expect.stringContaining(message) }) });

describe('Kubernetes protobuf bodies', () => {
  describe('what kubectl v1.32 sends (captured bytes)', () => {
    it('kubectl create deployment hello-node … -- /agnhost netexec: the command, one replica, empty strategy and status', () => {
      expect(decodeK8sProtobuf(bytesOf(K.createDeploymentHelloNode))).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'hello-node', labels: { app: 'hello-node' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'hello-node' } },
          template: {
            metadata: { labels: { app: 'hello-node' } },
            spec: { containers: [{ name: 'agnhost', image: 'registry.k8s.io/e2e-test-images/agnhost:2.39', command: ['/agnhost', 'netexec', '--http-port=8080'], resources: {} }] },
          },
          strategy: {},
        },
        status: {},
      });
    });

    it('kubectl create deployment nginx --replicas=3', () => {
      const d = decodeK8sProtobuf(bytesOf(K.createDeploymentNginx3)) as any;
      expect(d.spec.replicas).toBe(3);
      expect(d.spec.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx', resources: {} }]);
    });

    it('--replicas=0 stays 0 (a pointer field: set, though zero) and --port becomes a containerPort', () => {
      const d = decodeK8sProtobuf(bytesOf(K.createDeploymentZeroReplicas)) as any;
      expect(d.spec.replicas).toBe(0);
      expect(d.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80 }]);
    });

    it('two --image flags: two containers, in order', () => {
      const d = decodeK8sProtobuf(bytesOf(K.createDeploymentTwoImages)) as any;
      expect(d.spec.template.spec.containers.map((c: any) => [c.name, c.image])).toEqual([
        ['busybox', 'busybox'],
        ['nginx', 'nginx:1.25'],
      ]);
    });

    it('kubectl create service clusterip my-svc --tcp=80:8080: the port, its numeric targetPort, the selector', () => {
      expect(decodeK8sProtobuf(bytesOf(K.createServiceClusterIP))).toEqual({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'my-svc', labels: { app: 'my-svc' } },
        spec: { ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }], selector: { app: 'my-svc' }, type: 'ClusterIP' },
        status: { loadBalancer: {} },
      });
    });

    it.each([
      ['nodeport --node-port=30080', K.createServiceNodePort, { type: 'NodePort', ports: [{ name: '5678-8080', protocol: 'TCP', port: 5678, targetPort: 8080, nodePort: 30080 }] }],
      ['loadbalancer --tcp=80:http (a named targetPort)', K.createServiceLoadBalancer, { type: 'LoadBalancer', ports: [{ name: '80-http', protocol: 'TCP', port: 80, targetPort: 'http' }] }],
      ['externalname', K.createServiceExternalName, { type: 'ExternalName', externalName: 'example.com' }],
      ['clusterip --clusterip=None (headless)', K.createServiceHeadless, { type: 'ClusterIP', clusterIP: 'None' }],
    ])('kubectl create service %s', (_name, hex, spec) => {
      expect((decodeK8sProtobuf(bytesOf(hex)) as any).spec).toEqual(expect.objectContaining(spec));
    });

    it('kubectl create configmap: decoded like its JSON form', () => {
      expect(decodeK8sProtobuf(bytesOf(K.createConfigMap))).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'my-config' }, data: { a: 'b' } });
    });

    it('a kind kubesim does not decode → 415 naming it', () => {
      const widget = bytesOf('6b 38 73 00 0a 0c 0a 02 76 31 12 06 57 69 64 67 65 74 12 00');
      expect(() => decodeK8sProtobuf(widget)).toThrow(
        expect.objectContaining({ status: expect.objectContaining({ code: 415, reason: 'UnsupportedMediaType', message: expect.stringContaining('send Widget as application/json') }) }),
      );
    });
  });

  it('kubectl create namespace (v1.32’s bytes): the envelope’s TypeMeta and the Namespace, unset fields left out', () => {
    const body = bytesOf(`6b 38 73 00 0a 0f 0a 02 76 31 12 09 4e 61 6d 65 73 70 61 63 65 12 1a 0a 12 0a 02 78 31 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00 12 00 1a 02 0a 00 1a 00 22 00`);
    expect(decodeK8sProtobuf(body)).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x1' }, spec: {}, status: {} });
  });

  it('labels and annotations (map entries), finalizers (repeated), creationTimestamp (seconds)', () => {
    const meta = ld(1, ld(1, 'team-a'), ld(11, entry('env', 'dev')), ld(11, entry('tier', 'web')), ld(12, entry('note', 'hi')), ld(8, vi(1, Date.parse('2024-10-01T00:00:00Z') / 1000)));
    expect(decodeK8sProtobuf(envelope('v1', 'Namespace', meta, ld(2, ld(1, 'kubernetes'))))).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a', labels: { env: 'dev', tier: 'web' }, annotations: { note: 'hi' }, creationTimestamp: '2024-10-01T00:00:00Z' },
      spec: { finalizers: ['kubernetes'] },
    });
  });

  it('a Pod: resources (maps of Quantity), env, a probe (its handler inlined, an IntOrString port), tolerations, grace period 0 kept', () => {
    const quantity = (q: string) => ld(1, q);
    const container = ld(
      2,
      ld(1, 'app'),
      ld(2, 'nginx'),
      ld(7, ld(1, 'MODE'), ld(2, 'fast')),
      ld(7, ld(1, 'NODE'), ld(3, ld(1, ld(2, 'spec.nodeName')))),
      ld(8, ld(1, entry('cpu', quantity('500m'))), ld(2, entry('cpu', quantity('250m'))), ld(2, entry('memory', quantity('64Mi')))),
      ld(11, ld(1, ld(2, ld(1, '/healthz'), ld(2, vi(1, 0), vi(2, 8080)))), vi(4, 5)),
      ld(10, ld(1, ld(3, ld(1, vi(1, 1), ld(3, 'http')))), vi(2, 0)),
    );
    const spec = ld(2, container, vi(4, 0), ld(22, ld(1, 'dedicated'), ld(2, 'Exists'), ld(4, 'NoExecute'), vi(5, 60)), ld(7, entry('disktype', 'ssd')));
    expect(decodeK8sProtobuf(envelope('v1', 'Pod', ld(1, ld(1, 'web')), spec))).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'nginx',
            env: [
              { name: 'MODE', value: 'fast' },
              { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
            ],
            resources: { limits: { cpu: '500m' }, requests: { cpu: '250m', memory: '64Mi' } },
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
            livenessProbe: { tcpSocket: { port: 'http' } },
          },
        ],
        terminationGracePeriodSeconds: 0,
        tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
        nodeSelector: { disktype: 'ssd' },
      },
    });
  });

  it('a Deployment’s rolling update: maxUnavailable 0 (a pointer IntOrString) kept, maxSurge as a percentage', () => {
    const strategy = ld(4, ld(1, 'RollingUpdate'), ld(2, ld(1, vi(1, 0), vi(2, 0)), ld(2, vi(1, 1), ld(3, '50%'))));
    expect((decodeK8sProtobuf(envelope('apps/v1', 'Deployment', ld(1, ld(1, 'd')), ld(2, strategy))) as any).spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 0, maxSurge: '50%' },
    });
  });

  it('a field Kubernetes has but kubesim does not decode → 415 naming its path', () => {
    const podSpec = ld(2, ld(2, ld(1, 'app')), ld(18, ld(1, ld(1))));
    const template = ld(3, ld(1), podSpec);
    expect(() => decodeK8sProtobuf(envelope('apps/v1', 'Deployment', ld(1, ld(1, 'd')), ld(2, template)))).toThrow(
      status(415, 'kubesim does not decode spec.template.spec.affinity (Affinity) from protobuf; send the Deployment as application/json or application/yaml'),
    );
  });

  it('an unknown field number is refused with its place, not dropped (400)', () => {
    const body = bytesOf(`6b 38 73 00 0a 0f 0a 02 76 31 12 09 4e 61 6d 65 73 70 61 63 65 12 05 0a 03 f8 01 00`);
    expect(() => decodeK8sProtobuf(body)).toThrow(status(400, 'field 31 of ObjectMeta is not known to kubesim (in metadata)'));
    const container = ld(2, ld(1, 'app'), vi(99, 1));
    expect(() => decodeK8sProtobuf(envelope('v1', 'Pod', ld(1, ld(1, 'p')), ld(2, container)))).toThrow(status(400, 'field 99 of Container is not known to kubesim (in spec.containers[0])'));
  });

  it.each([
    ['no magic', bytesOf('0a 00')],
    ['a truncated field', bytesOf('6b 38 73 00 0a 0f 0a 02')],
    ['a varint where a message belongs', envelope('v1', 'Namespace', vi(1, 5))],
  ])('%s → 400', (_name, body) => {
    expect(() => decodeK8sProtobuf(body)).toThrow(expect.objectContaining({ status: expect.objectContaining({ code: 400 }) }));
  });
});
