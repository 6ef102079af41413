import { aNamespace } from '@kubesim/testing';
import { describe, expect, it } from 'vitest';
import { podManifest, quota, SPEC_ADMISSION, terminating, viewOf } from './admission.fixtures';
import { attributesOf } from './attributes';
import { admitWrite } from './chain';
import { MUTATING, VALIDATING } from './plugins';

describe('the admission chain', () => {
  it('runs the plugins in kube-apiserver’s order: mutating, then validating', () => {
    expect(MUTATING.map((p) => p.name)).toEqual(['NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'DefaultStorageClass', 'StorageObjectInUseProtection']);
    expect(VALIDATING.map((p) => p.name)).toEqual(['LimitRanger', 'PersistentVolumeClaimResize', 'ResourceQuota']);
  });

  it('a terminating namespace is refused before anything else looks at the object (no 422 for a bad pod)', () => {
    expect(() => admitWrite(attributesOf('CREATE', 'Pod', 'gone', { metadata: { name: 'p' }, spec: {} }), viewOf(terminating('gone')), SPEC_ADMISSION)).toThrow(
      'pods "p" is forbidden: unable to create new content in namespace gone because it is being terminated',
    );
  });

  it('the strategy’s 422 comes before the quota’s 403', () => {
    expect(() => admitWrite(attributesOf('CREATE', 'Pod', 'default', { metadata: { name: 'p' }, spec: {} }), viewOf(aNamespace(), quota('q', { pods: '0' })), SPEC_ADMISSION)).toThrow(/Pod "p" is invalid/);
  });

  it('ServiceAccount names the default account; the stored pod is defaulted and named', () => {
    const pod = admitWrite(attributesOf('CREATE', 'Pod', 'default', { metadata: { generateName: 'web-' }, spec: podManifest('x', { name: 'c' }).spec }), viewOf(aNamespace()), SPEC_ADMISSION) as any;
    expect(pod.metadata).toMatchObject({ name: 'web-x7k2p', namespace: 'default', uid: 'uid-1', creationTimestamp: '2024-05-01T10:00:00Z' });
    expect(pod.spec.serviceAccountName).toBe('default');
  });
});
