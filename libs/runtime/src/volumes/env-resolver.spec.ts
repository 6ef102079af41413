import type { Container, Pod } from '@kubesim/api';
import { describe, expect, it } from 'vitest';
import { expandVars } from './env-expansion';
import { expandCommand, resolveEnv, type EnvContext } from './env-resolver';
import type { ObjectLookup } from './object-lookup';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const OBJECTS: Record<string, Record<string, any>> = {
  'ConfigMap/default/special-config': { data: { SPECIAL_LEVEL: 'very', SPECIAL_TYPE: 'charm' } },
  'ConfigMap/default/env-config': { data: { log_level: 'INFO', 'bad key': 'x' } },
  'Secret/default/backend-user': { data: { 'backend-username': b64('backend-admin') } },
  'Secret/default/test-secret': { data: { username: b64('my-app'), password: b64('39528$vdg7Jb') } },
};
const objects: ObjectLookup = (kind, ns, name) => OBJECTS[`${kind}/${ns}/${name}`];

const pod = (containers: Partial<Container>[]): Pod =>
  ({
    metadata: { name: 'dapi-test-pod', namespace: 'default', uid: 'uid-1', labels: { app: 'web', tier: 'fe' }, annotations: { build: 'two' } },
    spec: { nodeName: 'node-1', serviceAccountName: 'default', containers: containers.map((c, i) => ({ name: `c${i}`, image: 'busybox', ...c })) },
    status: {},
  }) as unknown as Pod;

const ctx = (p: Pod): EnvContext => ({ pod: p, podIP: '10.244.1.5', hostIP: '172.18.0.2', allocatable: { cpu: '4', memory: '8Gi' }, objects, serviceEnv: { KUBERNETES_SERVICE_HOST: '10.96.0.1' } });
const envOf = (c: Partial<Container>) => {
  const p = pod([c]);
  return resolveEnv(p.spec.containers[0], ctx(p));
};

describe('the kubelet env resolver (makeEnvironmentVariables)', () => {
  it.each([
    ['configMapKeyRef', [{ name: 'SPECIAL_LEVEL_KEY', valueFrom: { configMapKeyRef: { name: 'special-config', key: 'SPECIAL_LEVEL' } } }], { SPECIAL_LEVEL_KEY: 'very' }],
    ['secretKeyRef, decoded', [{ name: 'SECRET_USERNAME', valueFrom: { secretKeyRef: { name: 'backend-user', key: 'backend-username' } } }], { SECRET_USERNAME: 'backend-admin' }],
    ['fieldRef metadata', [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'U', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } }], { N: 'dapi-test-pod', U: 'uid-1' }],
    ['fieldRef labels and annotations subscripts', [{ name: 'L', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } }, { name: 'A', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['build']" } } }], { L: 'web', A: 'two' }],
    ['fieldRef spec and status', ['spec.nodeName', 'spec.serviceAccountName', 'status.podIP', 'status.hostIP', 'status.podIPs'].map((f, i) => ({ name: `V${i}`, valueFrom: { fieldRef: { fieldPath: f } } })), { V0: 'node-1', V1: 'default', V2: '10.244.1.5', V3: '172.18.0.2', V4: '10.244.1.5' }],
    ['$(VAR) expands earlier vars; unknown ones stay; $$ escapes', [{ name: 'A', value: 'x' }, { name: 'B', value: '$(A)-$(NOPE)-$$(A)-$(KUBERNETES_SERVICE_HOST)' }], { A: 'x', B: 'x-$(NOPE)-$(A)-10.96.0.1' }],
    ['optional missing key and object are skipped', [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'special-config', key: 'nope', optional: true } } }, { name: 'Y', valueFrom: { secretKeyRef: { name: 'nope', key: 'k', optional: true } } }], {}],
  ])('%s', (_n, env, expected) => {
    const r = envOf({ env: env as Container['env'] });
    expect(r.ok).toBe(true);
    if (r.ok) expect(Object.fromEntries(Object.entries(r.env).filter(([k]) => k !== 'KUBERNETES_SERVICE_HOST'))).toEqual(expected);
  });

  it('envFrom first (prefixed, every key passed through as in 1.30+), then env overwrites', () => {
    const r = envOf({ envFrom: [{ configMapRef: { name: 'env-config' } }, { prefix: 'S_', secretRef: { name: 'test-secret' } }], env: [{ name: 'log_level', value: 'DEBUG' }] } as Partial<Container>);
    expect(r).toEqual({ ok: true, env: { log_level: 'DEBUG', 'bad key': 'x', S_username: 'my-app', S_password: '39528$vdg7Jb', KUBERNETES_SERVICE_HOST: '10.96.0.1' } });
  });

  it.each([
    ['a missing ConfigMap', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'x', key: 'k' } } }] }, 'configmap "x" not found'],
    ['a missing Secret', { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }, 'secret "s" not found'],
    ['a missing ConfigMap key', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'special-config', key: 'k' } } }] }, "couldn't find key k in ConfigMap default/special-config"],
    ['a missing Secret key', { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'backend-user', key: 'k' } } }] }, "couldn't find key k in Secret default/backend-user"],
    ['an envFrom ConfigMap missing', { envFrom: [{ configMapRef: { name: 'gone' } }] }, 'configmap "gone" not found'],
  ])('%s → CreateContainerConfigError with the kubelet text', (_n, c, message) => {
    expect(envOf(c as Partial<Container>)).toEqual({ ok: false, message });
  });

  it.each([
    ['limits.cpu 250m / 1 rounds up', { resource: 'limits.cpu' }, '1'],
    ['limits.cpu 250m / 1m', { resource: 'limits.cpu', divisor: '1m' }, '250'],
    ['requests.memory 32Mi / 1Mi', { resource: 'requests.memory', divisor: '1Mi' }, '32'],
    ['limits.memory in bytes', { resource: 'limits.memory' }, String(64 * 2 ** 20)],
    ['no ephemeral-storage limit: node allocatable, none there: 0', { resource: 'limits.ephemeral-storage' }, '0'],
  ])('resourceFieldRef %s', (_n, ref, expected) => {
    const r = envOf({ resources: { requests: { cpu: '125m', memory: '32Mi' }, limits: { cpu: '250m', memory: '64Mi' } }, env: [{ name: 'R', valueFrom: { resourceFieldRef: ref } }] as Container['env'] });
    expect(r.ok && r.env.R).toBe(expected);
  });

  it('a container without limits reports the node allocatable', () => {
    const r = envOf({ env: [{ name: 'C', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }, { name: 'M', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Gi' } } }] as Container['env'] });
    expect(r.ok && [r.env.C, r.env.M]).toEqual(['4', '8']);
  });

  it('command and args expand $(VAR) against the resolved env', () => {
    const c = { name: 'c', image: 'busybox', command: ['/bin/echo', '$(A) $(B)'], args: ['$(C)'] } as Container;
    expect(expandCommand(c, { A: 'very', B: 'charm' })).toMatchObject({ command: ['/bin/echo', 'very charm'], args: ['$(C)'] });
  });

  it.each([
    ['$(A)', 'a'],
    ['$A', '$A'],
    ['$$', '$'],
    ['$(A', '$(A'],
    ['$()', '$()'],
    ['x$', 'x$'],
  ])('expandVars(%j) = %j', (input, out) => expect(expandVars(input, (n) => ({ A: 'a' })[n])).toBe(out));
});
