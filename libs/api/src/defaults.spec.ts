import { defaultPod, qosClass } from './defaults';
import type { Container, Pod, ResourceRequirements, Toleration } from './types';

const ctx = { uid: 'uid-1', now: '2024-05-01T10:00:00Z', suffix: 'x7k2p' };
const create = (spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = { name: 'web' }, extra: Record<string, unknown> = {}): Pod =>
  defaultPod({ metadata, spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec }, ...extra }, 'default', ctx);
const withResources = (...resources: ResourceRequirements[]) => create({ containers: resources.map((r, i) => ({ name: `c${i}`, image: 'nginx', resources: r })) });

const notReady: Toleration = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
const unreachable: Toleration = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };

describe('defaultPod: what kube-apiserver does to a new pod', () => {
  it('fills the spec defaults', () => {
    expect(create().spec).toMatchObject({
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
      priority: 0,
    });
  });

  it('keeps what the manifest sets', () => {
    const pod = create({ restartPolicy: 'Never', terminationGracePeriodSeconds: 5, schedulerName: 'my-scheduler', dnsPolicy: 'Default' });
    expect(pod.spec).toMatchObject({ restartPolicy: 'Never', terminationGracePeriodSeconds: 5, schedulerName: 'my-scheduler', dnsPolicy: 'Default' });
  });

  it('sets identity from the request context and the namespace from the URL', () => {
    expect(create({}, { name: 'web', namespace: 'ignored', labels: { app: 'web' } }).metadata).toEqual({
      name: 'web',
      namespace: 'default',
      labels: { app: 'web' },
      uid: 'uid-1',
      resourceVersion: '',
      creationTimestamp: '2024-05-01T10:00:00Z',
    });
  });

  it('drops a deletionTimestamp copied from another pod: a new pod is not terminating', () => {
    const meta = { name: 'web', deletionTimestamp: '2024-04-01T00:00:00Z', deletionGracePeriodSeconds: 30 };
    expect(create({}, meta).metadata).not.toHaveProperty('deletionTimestamp');
    expect(create({}, meta).metadata).not.toHaveProperty('deletionGracePeriodSeconds');
  });

  it.each([
    ['generateName plus the suffix', { generateName: 'web-' }, 'web-x7k2p'],
    ['the name, when both are given', { name: 'web', generateName: 'web-' }, 'web'],
  ])('names the pod from %s', (_case, metadata, name) => {
    expect(create({}, metadata).metadata).toMatchObject({ name, generateName: 'web-' });
  });

  it('discards a client-supplied status: Pending with the computed QoS class', () => {
    const pod = create({}, { name: 'web' }, { status: { phase: 'Running', podIP: '10.244.0.9', conditions: [] } });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  describe('DefaultTolerationSeconds: 300 s for not-ready and unreachable', () => {
    it.each<[string, Toleration[] | undefined, Toleration[]]>([
      ['a pod without tolerations gets both', undefined, [notReady, unreachable]],
      [
        'a pod that tolerates not-ready for 60 s keeps that and gets unreachable',
        [{ ...notReady, tolerationSeconds: 60 }],
        [{ ...notReady, tolerationSeconds: 60 }, unreachable],
      ],
      ['a pod that tolerates every taint gets none', [{ operator: 'Exists' }], [{ operator: 'Exists' }]],
      [
        'a pod that tolerates unreachable for every effect gets only not-ready',
        [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }],
        [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, notReady],
      ],
      [
        'a NoSchedule toleration of not-ready does not count',
        [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
        [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }, notReady, unreachable],
      ],
    ])('%s', (_case, tolerations, expected) => {
      expect(create(tolerations ? { tolerations } : {}).spec.tolerations).toEqual(expected);
    });
  });

  describe('imagePullPolicy', () => {
    it.each([
      ['nginx', 'Always'],
      ['nginx:latest', 'Always'],
      ['nginx:1.25', 'IfNotPresent'],
      ['registry.k8s.io/pause:3.9', 'IfNotPresent'],
      ['localhost:5000/app', 'Always'],
      ['localhost:5000/app:v1', 'IfNotPresent'],
      ['nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'IfNotPresent'],
    ])('%s → %s', (image, policy) => {
      const pod = create({ initContainers: [{ name: 'init', image }], containers: [{ name: 'app', image }] });
      expect(pod.spec.containers[0].imagePullPolicy).toBe(policy);
      expect(pod.spec.initContainers?.[0].imagePullPolicy).toBe(policy);
    });

    it('keeps an explicit policy', () => {
      expect(create({ containers: [{ name: 'app', image: 'nginx', imagePullPolicy: 'Never' }] }).spec.containers[0].imagePullPolicy).toBe('Never');
    });
  });

  it('defaults each missing request to its limit, keeping the requests that are given', () => {
    const [c] = withResources({ requests: { cpu: '250m' }, limits: { cpu: '1', memory: '1Gi' } }).spec.containers as Container[];
    expect(c.resources).toEqual({ requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } });
  });
});

describe('qosClass', () => {
  const guaranteed = { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } };

  it.each<[string, ResourceRequirements[], string]>([
    ['no requests or limits anywhere', [{}, {}], 'BestEffort'],
    ['only an extended resource', [{ limits: { 'nvidia.com/gpu': '1' } }], 'BestEffort'],
    ['a cpu request only', [{ requests: { cpu: '100m' } }], 'Burstable'],
    ['requests below limits', [{ requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '1Gi' } }], 'Burstable'],
    ['limits on cpu but not memory', [{ limits: { cpu: '1' } }], 'Burstable'],
    ['one container guaranteed, the other not', [guaranteed, {}], 'Burstable'],
    ['requests equal to limits for cpu and memory', [guaranteed], 'Guaranteed'],
    ['limits only (requests default to them)', [{ limits: { cpu: '1', memory: '1Gi' } }], 'Guaranteed'],
    ['the same amounts written differently', [{ requests: { cpu: '0.5', memory: '268435456' }, limits: { cpu: '500m', memory: '256Mi' } }], 'Guaranteed'],
  ])('%s → %s', (_case, resources, expected) => {
    const pod = withResources(...resources);
    expect(pod.status.qosClass).toBe(expected);
    expect(qosClass(pod)).toBe(expected);
  });
});

describe('container port defaults', () => {
  it('gives every container port protocol TCP unless one is set', () => {
    const pod = defaultPod({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] }] } }, 'default', { uid: 'u', now: '2026-01-01T00:00:00Z', suffix: 'abcde' });
    expect(pod.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }]);
  });
});

describe('container resources are stored in canonical form', () => {
  it('requests and limits read back as resource.Quantity writes them (limits copied to requests first)', () => {
    const pod = defaultPod(
      { metadata: { name: 'q' }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: 0.5 }, limits: { cpu: '1000m', memory: '1.5Gi' } } }] } },
      'default',
      { uid: 'u', now: '2024-05-01T10:00:00Z', suffix: 'xxxxx' },
    );
    expect(pod.spec.containers[0].resources).toEqual({ requests: { cpu: '500m', memory: '1536Mi' }, limits: { cpu: '1', memory: '1536Mi' } });
  });
});
