import type { KubeObject } from '@kubesim/api';
import { aPod } from '@kubesim/testing';
import { reconcileQuota } from './quota.reconcile';

const NOW = Date.parse('2024-05-01T10:00:00Z');
const quota = (hard: Record<string, string>, status?: Record<string, unknown>, scopes?: string[]) =>
  ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: 'x' }, spec: { hard, ...(scopes ? { scopes } : {}) }, ...(status ? { status } : {}) }) as unknown as KubeObject;
const withResources = (name: string, requests: Record<string, string>, limits: Record<string, string>) => aPod(name, { containers: [{ name: 'c', image: 'nginx', resources: { requests, limits } }] });
const obj = (kind: string, name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'default', uid: name, resourceVersion: '1', creationTimestamp: 'x' }, ...extra }) as unknown as KubeObject;

describe('the resource-quota controller, one sync', () => {
  it('compute resources: the sum of the pods’ requests and limits, in the hard values’ formats', () => {
    const q = quota({ 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' });
    const pods = [withResources('a', { cpu: '400m', memory: '600Mi' }, { cpu: '800m', memory: '800Mi' }), withResources('b', { cpu: '100m', memory: '128Mi' }, { cpu: '200m', memory: '256Mi' })];
    expect(reconcileQuota(q, pods, NOW)).toEqual({
      hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' },
      used: { 'limits.cpu': '1', 'limits.memory': '1056Mi', 'requests.cpu': '500m', 'requests.memory': '728Mi' },
    });
  });

  it('object counts: pods, services, configmaps, secrets, claims and count/<resource>.<group>', () => {
    const q = quota({ pods: '4', services: '10', configmaps: '10', secrets: '10', persistentvolumeclaims: '4', 'requests.storage': '10Gi', 'count/deployments.apps': '2' });
    const objects = [
      aPod('p'),
      obj('Service', 's', { spec: { type: 'ClusterIP', ports: [{ port: 80 }] } }),
      obj('ConfigMap', 'c'),
      obj('ConfigMap', 'd'),
      obj('Secret', 'x'),
      obj('PersistentVolumeClaim', 'claim', { spec: { resources: { requests: { storage: '3Gi' } } } }),
      { ...obj('Deployment', 'web'), apiVersion: 'apps/v1' } as KubeObject,
    ];
    expect(reconcileQuota(q, objects, NOW)?.used).toEqual({
      configmaps: '2',
      'count/deployments.apps': '1',
      persistentvolumeclaims: '1',
      pods: '1',
      'requests.storage': '3Gi',
      secrets: '1',
      services: '1',
    });
  });

  it('a pod that finished, or is past its deletion grace, no longer counts; none left reads 0', () => {
    const done = { ...aPod('done'), status: { phase: 'Succeeded' as const } };
    const gone = { ...aPod('gone'), metadata: { ...aPod('gone').metadata, deletionTimestamp: '2024-05-01T09:59:00Z', deletionGracePeriodSeconds: 30 } };
    expect(reconcileQuota(quota({ pods: '2', 'requests.memory': '1Gi' }), [done, gone], NOW)?.used).toEqual({ pods: '0', 'requests.memory': '0' });
  });

  it('a scoped quota counts only matching pods (BestEffort)', () => {
    const q = quota({ pods: '5' }, undefined, ['BestEffort']);
    expect(reconcileQuota(q, [aPod('be'), withResources('burst', { cpu: '1' }, {})], NOW)?.used).toEqual({ pods: '1' });
  });

  it('an up-to-date status writes nothing', () => {
    const q = quota({ pods: '2' }, { hard: { pods: '2' }, used: { pods: '1' } });
    expect(reconcileQuota(q, [aPod('a')], NOW)).toBeUndefined();
  });
});
