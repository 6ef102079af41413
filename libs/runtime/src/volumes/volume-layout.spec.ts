import type { Pod } from '@kubesim/api';
import { describe, expect, it } from 'vitest';
import { newVolume } from '../shell/filesystem';
import { currentPayload, timestampedDirName, writeAtomically } from './atomic-writer';
import type { ObjectLookup } from './object-lookup';
import { volumePayload, type PodVolume } from './pod-volume-source';
import type { ProjectedContext } from './projected.volume';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const OBJECTS: Record<string, Record<string, any>> = {
  'ConfigMap/default/special-config': { data: { SPECIAL_LEVEL: 'very', SPECIAL_TYPE: 'charm' } },
  'Secret/default/user': { data: { username: b64('admin') } },
};
const objects: ObjectLookup = (kind, ns, name) => OBJECTS[`${kind}/${ns}/${name}`];
const pod = {
  metadata: { name: 'kubernetes-downwardapi-volume-example', namespace: 'default', uid: 'u1', labels: { zone: 'us-est-coast', cluster: 'test-cluster1' }, annotations: { builder: 'john-doe' } },
  spec: { containers: [{ name: 'client-container', image: 'busybox', resources: { requests: { cpu: '125m', memory: '32Mi' }, limits: { cpu: '250m', memory: '64Mi' } } }] },
  status: {},
} as unknown as Pod;
const ctx: ProjectedContext = { pod, podIP: '10.244.1.5', hostIP: '172.18.0.2', allocatable: {}, objects, token: () => ({ ok: true, token: 'TOKEN' }) };
const payload = (v: Omit<PodVolume, 'name'>) => volumePayload({ name: 'v', ...v }, ctx);

describe('volume payloads (what the kubelet writes into each volume)', () => {
  it.each([
    ['configMap: every key', { configMap: { name: 'special-config' } }, { SPECIAL_LEVEL: 'very', SPECIAL_TYPE: 'charm' }],
    ['configMap items: key → path', { configMap: { name: 'special-config', items: [{ key: 'SPECIAL_LEVEL', path: 'keys' }] } }, { keys: 'very' }],
    ['configMap optional and missing: empty', { configMap: { name: 'nope', optional: true } }, {}],
    ['configMap optional, an item key missing: skipped', { configMap: { name: 'special-config', optional: true, items: [{ key: 'x', path: 'x' }, { key: 'SPECIAL_TYPE', path: 'a/t' }] } }, { 'a/t': 'charm' }],
    ['secret: decoded', { secret: { secretName: 'user' } }, { username: 'admin' }],
    [
      'downwardAPI: labels and annotations as key="value" lines, fields, resources',
      {
        downwardAPI: {
          items: [
            { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
            { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
            { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
            { path: 'cpu_limit', resourceFieldRef: { containerName: 'client-container', resource: 'limits.cpu', divisor: '1m' } },
            { path: 'mem_request', resourceFieldRef: { containerName: 'client-container', resource: 'requests.memory', divisor: '1Mi' } },
          ],
        },
      },
      { labels: 'cluster="test-cluster1"\nzone="us-est-coast"', annotations: 'builder="john-doe"', name: 'kubernetes-downwardapi-volume-example', cpu_limit: '250', mem_request: '32' },
    ],
    [
      'projected: the service-account token volume',
      {
        projected: {
          sources: [
            { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
            { configMap: { name: 'special-config', items: [{ key: 'SPECIAL_LEVEL', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
      { token: 'TOKEN', 'ca.crt': 'very', namespace: 'default' },
    ],
  ])('%s', (_n, v, files) => expect(payload(v)).toEqual({ ok: true, files }));

  it.each([
    ['configMap missing', { configMap: { name: 'y' } }, 'configmap "y" not found'],
    ['configMap item key missing', { configMap: { name: 'special-config', items: [{ key: 'k', path: 'k' }] } }, 'configmap references non-existent config key: k'],
    ['secret missing', { secret: { secretName: 's' } }, 'secret "s" not found'],
    ['secret item key missing', { secret: { secretName: 'user', items: [{ key: 'k', path: 'k' }] } }, 'references non-existent secret key: k'],
    ['projected: every failing source, aggregated', { projected: { sources: [{ configMap: { name: 'a' } }, { secret: { name: 'b' } }] } }, '[configmap "a" not found, secret "b" not found]'],
  ])('%s → the FailedMount error', (_n, v, message) => expect(payload(v)).toEqual({ ok: false, message }));

  it('emptyDir and claims have no payload', () => {
    expect(payload({ emptyDir: {} })).toBeUndefined();
    expect(payload({ persistentVolumeClaim: { claimName: 'c' } })).toBeUndefined();
  });
});

describe("the atomic writer's layout", () => {
  const T = Date.parse('2024-05-01T10:00:07Z');
  it('names the hidden directory with Go layout 2006_01_02_15_04_05 and digits', () => {
    expect(timestampedDirName(T, 123456789)).toBe('..2024_05_01_10_00_07.123456789');
  });

  it('real files in the timestamped dir, ..data standing for the link, visible names; an update swaps them', () => {
    const v = newVolume();
    expect(writeAtomically(v, { a: '1', 'sub/b': '2' }, T, 1)).toBe(true);
    expect([...v.files.keys()].sort()).toEqual(['/..2024_05_01_10_00_07.1/a', '/..2024_05_01_10_00_07.1/sub/b', '/..data/a', '/..data/sub/b', '/a', '/sub/b']);
    expect(writeAtomically(v, { a: '1', 'sub/b': '2' }, T + 1000, 2)).toBe(false);
    expect(writeAtomically(v, { c: '3' }, T + 60_000, 3)).toBe(true);
    expect([...v.files.keys()].sort()).toEqual(['/..2024_05_01_10_01_07.3/c', '/..data/c', '/c']);
    expect([...v.dirs].sort()).toEqual(['/', '/..2024_05_01_10_01_07.3', '/..data']);
    expect(currentPayload(v)).toEqual({ c: '3' });
  });
});
