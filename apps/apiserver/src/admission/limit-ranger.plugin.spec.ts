import { aNamespace } from '@kubesim/testing';
import { describe, expect, it } from 'vitest';
import type { StatusError } from '../http/status';
import { limitRange, podManifest, SPEC_ADMISSION, viewOf } from './admission.fixtures';
import { attributesOf } from './attributes';
import { admitWrite } from './chain';

const admit = (view: ReturnType<typeof viewOf>, pod: Record<string, any>) => admitWrite(attributesOf('CREATE', 'Pod', 'default', pod), view, SPEC_ADMISSION) as any;
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    const s = (e as StatusError).status;
    expect(s.code).toBe(403);
    return s.message;
  }
  throw new Error('expected a refusal');
};

describe('LimitRanger: defaults (pod CREATE)', () => {
  const defaults = limitRange('cpu-mem', [{ type: 'Container', default: { cpu: '1', memory: '512Mi' }, defaultRequest: { cpu: '500m', memory: '256Mi' } }]);

  it('sets missing requests and limits and says so in kubernetes.io/limit-ranger', () => {
    const pod = admit(viewOf(aNamespace(), defaults), podManifest('p', { name: 'nginx' }));
    expect(pod.spec.containers[0].resources).toEqual({ requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } });
    expect(pod.metadata.annotations['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx');
  });

  it('a container with its own limit keeps it, and its request follows that limit, not defaultRequest', () => {
    const pod = admit(viewOf(aNamespace(), defaults), podManifest('p', { name: 'a', limits: { cpu: '2' } }));
    expect(pod.spec.containers[0].resources).toEqual({ requests: { cpu: '2', memory: '256Mi' }, limits: { cpu: '2', memory: '512Mi' } });
    expect(pod.metadata.annotations['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: memory request for container a; memory limit for container a');
  });

  it('a pod with everything specified is not annotated', () => {
    const pod = admit(viewOf(aNamespace(), defaults), podManifest('p', { name: 'a', requests: { cpu: '1', memory: '1Mi' }, limits: { cpu: '1', memory: '1Mi' } }));
    expect(pod.metadata.annotations?.['kubernetes.io/limit-ranger']).toBeUndefined();
  });
});

describe('LimitRanger: checks, with upstream messages', () => {
  const memMinMax = limitRange('mem-min-max-demo-lr', [{ type: 'Container', max: { memory: '1Gi' }, min: { memory: '500Mi' }, default: { memory: '1Gi' }, defaultRequest: { memory: '1Gi' } }]);
  const cpuMinMax = limitRange('cpu-min-max-demo-lr', [{ type: 'Container', max: { cpu: '800m' }, min: { cpu: '200m' }, default: { cpu: '800m' }, defaultRequest: { cpu: '800m' } }]);

  it.each([
    ['over the max limit', memMinMax, { name: 'c', requests: { memory: '800Mi' }, limits: { memory: '1.5Gi' } }, 'pods "p" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi.'],
    ['under the min request', memMinMax, { name: 'c', requests: { memory: '100Mi' }, limits: { memory: '800Mi' } }, 'pods "p" is forbidden: minimum memory usage per Container is 500Mi, but request is 100Mi.'],
    ['cpu under the min', cpuMinMax, { name: 'c', requests: { cpu: '100m' }, limits: { cpu: '800m' } }, 'pods "p" is forbidden: minimum cpu usage per Container is 200m, but request is 100m.'],
    ['cpu over the max', cpuMinMax, { name: 'c', requests: { cpu: '500m' }, limits: { cpu: '1.5' } }, 'pods "p" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m.'],
  ])('%s', (_, lr, container, message) => {
    expect(refusal(() => admit(viewOf(aNamespace(), lr), podManifest('p', container)))).toBe(message);
  });

  it('max without a default: a container with no limit is refused (two spaces, "No limit is specified.")', () => {
    const lr = limitRange('l', [{ type: 'Container', max: { cpu: '1' } }]);
    expect(refusal(() => admit(viewOf(aNamespace(), lr), podManifest('p', { name: 'c' })))).toBe('pods "p" is forbidden: maximum cpu usage per Container is 1.  No limit is specified.');
  });

  it('maxLimitRequestRatio prints the provided ratio with %f', () => {
    const lr = limitRange('l', [{ type: 'Container', maxLimitRequestRatio: { memory: '2' } }]);
    expect(refusal(() => admit(viewOf(aNamespace(), lr), podManifest('p', { name: 'c', requests: { memory: '100Mi' }, limits: { memory: '400Mi' } })))).toBe(
      'pods "p" is forbidden: memory max limit to request ratio per Container is 2, but provided ratio is 4.000000.',
    );
  });

  it('several violations aggregate as [e1, e2]; a Pod item checks the sum of the containers', () => {
    const lr = limitRange('l', [{ type: 'Pod', max: { cpu: '1', memory: '1Gi' } }]);
    const pod = podManifest('p', { name: 'a', limits: { cpu: '800m', memory: '800Mi' } }, { name: 'b', limits: { cpu: '800m', memory: '800Mi' } });
    expect(refusal(() => admit(viewOf(aNamespace(), lr), pod))).toBe('pods "p" is forbidden: [maximum cpu usage per Pod is 1, but limit is 1600m., maximum memory usage per Pod is 1Gi, but limit is 1600Mi.]');
  });

  it('within the range: admitted, the LimitRange defaults applied first', () => {
    const pod = admit(viewOf(aNamespace(), memMinMax), podManifest('p', { name: 'c' }));
    expect(pod.spec.containers[0].resources).toEqual({ requests: { memory: '1Gi' }, limits: { memory: '1Gi' } });
  });

  it('a controller-created pod is refused under its generated name (validating phase)', () => {
    const lr = limitRange('l', [{ type: 'Container', max: { cpu: '1' } }]);
    const pod = { metadata: { generateName: 'web-7d9c-' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    expect(refusal(() => admit(viewOf(aNamespace(), lr), pod))).toBe('pods "web-7d9c-x7k2p" is forbidden: maximum cpu usage per Container is 1.  No limit is specified.');
  });
});

describe('LimitRanger: PersistentVolumeClaim items (claim CREATE)', () => {
  const storage = limitRange('storagelimits', [{ type: 'PersistentVolumeClaim', max: { storage: '2Gi' }, min: { storage: '1Gi' } }]);
  const claim = (name: string, size?: string) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], resources: size ? { requests: { storage: size } } : {} },
  });
  const create = (body: Record<string, unknown>) => admitWrite(attributesOf('CREATE', 'PersistentVolumeClaim', 'default', body), viewOf(aNamespace(), storage), SPEC_ADMISSION);

  it.each([
    ['under the min', '500Mi', 'persistentvolumeclaims "c" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi.'],
    ['over the max', '5Gi', 'persistentvolumeclaims "c" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi.'],
  ])('%s', (_, size, message) => expect(refusal(() => create(claim('c', size)))).toBe(message));

  it('within the range is admitted', () => expect(() => create(claim('c', '1536Mi'))).not.toThrow());
});
