import { aNamespace, aPod } from '@kubesim/testing';
import { describe, expect, it } from 'vitest';
import type { StatusError } from '../http/status';
import { podManifest, quota, SPEC_ADMISSION, viewOf } from './admission.fixtures';
import { attributesOf } from './attributes';
import { admitWrite } from './chain';

const create = (view: ReturnType<typeof viewOf>, kind: string, body: Record<string, any>) => admitWrite(attributesOf('CREATE', kind, 'default', body), view, SPEC_ADMISSION);
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    const s = (e as StatusError).status;
    expect(s).toMatchObject({ code: 403, reason: 'Forbidden' });
    return s.message;
  }
  throw new Error('expected a refusal');
};
const running = (name: string, resources: Record<string, any>) => aPod(name, { containers: [{ name: 'c', image: 'nginx', resources }] });

describe('ResourceQuota admission', () => {
  it('exceeded quota: only the exceeded resources, keys sorted, quantities canonical', () => {
    const q = quota('mem-cpu-demo', { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' });
    const view = viewOf(aNamespace(), q, running('quota-mem-cpu-demo', { requests: { cpu: '400m', memory: '600Mi' }, limits: { cpu: '800m', memory: '800Mi' } }));
    const pod = podManifest('quota-mem-cpu-demo-2', { name: 'c', requests: { cpu: '400m', memory: '700Mi' }, limits: { cpu: '800m', memory: '1Gi' } });
    expect(refusal(() => create(view, 'Pod', pod))).toBe(
      'pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi',
    );
  });

  it('pods=N: the N+1th pod is refused', () => {
    const view = viewOf(aNamespace(), quota('compute-quota', { pods: '3' }), aPod('a'), aPod('b'), aPod('c'));
    expect(refusal(() => create(view, 'Pod', podManifest('pod-4', { name: 'c' })))).toBe('pods "pod-4" is forbidden: exceeded quota: compute-quota, requested: pods=1, used: pods=3, limited: pods=3');
  });

  it('terminal pods do not count against pods, they do against count/pods', () => {
    const done = { ...aPod('done'), status: { phase: 'Succeeded' as const } };
    expect(() => create(viewOf(aNamespace(), quota('q', { pods: '1' }), done), 'Pod', podManifest('p', { name: 'c' }))).not.toThrow();
    expect(refusal(() => create(viewOf(aNamespace(), quota('q', { 'count/pods': '1' }), done), 'Pod', podManifest('p', { name: 'c' })))).toBe(
      'pods "p" is forbidden: exceeded quota: q, requested: count/pods=1, used: count/pods=1, limited: count/pods=1',
    );
  });

  it('failed quota: a pod lacking the requests and limits a quota tracks', () => {
    const q = quota('rq-request-limits-total', { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' });
    expect(refusal(() => create(viewOf(aNamespace(), q), 'Pod', podManifest('bad-pod', { name: 'nginx' })))).toBe(
      'pods "bad-pod" is forbidden: failed quota: rq-request-limits-total: must specify limits.cpu for: nginx; limits.memory for: nginx; requests.cpu for: nginx; requests.memory for: nginx',
    );
  });

  it('containers missing the same resource are listed sorted, joined by ","', () => {
    const q = quota('q', { 'limits.cpu': '2' });
    const pod = podManifest('p', { name: 'web' }, { name: 'app', limits: { cpu: '1' } }, { name: 'side' });
    expect(refusal(() => create(viewOf(aNamespace(), q), 'Pod', pod))).toBe('pods "p" is forbidden: failed quota: q: must specify limits.cpu for: side,web');
  });

  it('object counts: count/deployments.apps and configmaps', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: 'x' }, data: {} } as any;
    expect(refusal(() => create(viewOf(aNamespace(), quota('object-counts', { configmaps: '1' }), cm), 'ConfigMap', { metadata: { name: 'two' }, data: {} }))).toBe(
      'configmaps "two" is forbidden: exceeded quota: object-counts, requested: configmaps=1, used: configmaps=1, limited: configmaps=1',
    );
    const deployment = { metadata: { name: 'web' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };
    expect(refusal(() => create(viewOf(aNamespace(), quota('q', { 'count/deployments.apps': '0' })), 'Deployment', deployment))).toBe(
      'deployments.apps "web" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=0, limited: count/deployments.apps=0',
    );
  });

  it('a quota in another namespace, or one not tracking what is created, changes nothing', () => {
    const view = viewOf(aNamespace(), aNamespace('other'), quota('q', { pods: '0' }, 'other'), quota('s', { services: '0' }));
    expect(() => create(view, 'Pod', podManifest('p', { name: 'c' }))).not.toThrow();
  });
});
