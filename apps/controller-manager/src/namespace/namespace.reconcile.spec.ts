import type { KubeObject, Namespace } from '@kubesim/api';
import { aNamespace, aPod } from '@kubesim/testing';
import { finalizersAfter, reconcileNamespace } from './namespace.reconcile';

const NOW = Date.parse('2024-05-01T10:00:30Z');
const terminating = (): Namespace => ({ ...aNamespace('team-a'), metadata: { ...aNamespace('team-a').metadata, deletionTimestamp: '2024-05-01T10:00:00Z' }, status: { phase: 'Terminating' } });
const running = (name: string) => ({ ...aPod(name, { nodeName: 'node-1' }, 'team-a'), status: { phase: 'Running' as const } });
const configMap = (name: string, finalizers?: string[]): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'team-a', uid: `u-${name}`, resourceVersion: '1', creationTimestamp: 'x', ...(finalizers ? { finalizers } : {}) }, data: {} }) as unknown as KubeObject;
const deployment = (name: string): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'team-a', uid: 'd', resourceVersion: '1', creationTimestamp: 'x' }, spec: {}, status: {} }) as unknown as KubeObject;
const byType = (pass: ReturnType<typeof reconcileNamespace>) => Object.fromEntries(pass.conditions.map((c) => [c.type, c]));

describe('the namespace controller, one pass', () => {
  it('deletes every object; running pods remain and are reported as upstream words it', () => {
    const pods = [running('a'), running('b')];
    const pass = reconcileNamespace(terminating(), [...pods, configMap('cfg'), deployment('web')], NOW);
    expect(pass.deletes.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Pod/a', 'Pod/b', 'ConfigMap/cfg', 'Deployment/web']);
    expect(pass.finalize).toBe(false);
    expect(byType(pass).NamespaceContentRemaining).toEqual({
      type: 'NamespaceContentRemaining',
      status: 'True',
      lastTransitionTime: '2024-05-01T10:00:30Z',
      reason: 'SomeResourcesRemain',
      message: 'Some resources are remaining: pods. has 2 resource instances',
    });
  });

  it('writes all five conditions in upstream’s order, the others False with their OK reasons', () => {
    const pass = reconcileNamespace(terminating(), [running('a')], NOW);
    expect(pass.conditions.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: pods. has 1 resource instances'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
    ]);
  });

  it('a pod already being deleted is not deleted again, and still remains', () => {
    const going = { ...running('a'), metadata: { ...running('a').metadata, deletionTimestamp: '2024-05-01T10:00:01Z' } };
    const pass = reconcileNamespace(terminating(), [going], NOW);
    expect(pass.deletes).toEqual([]);
    expect(pass.finalize).toBe(false);
  });

  it('objects with finalizers remain and are named', () => {
    const pass = reconcileNamespace(terminating(), [configMap('a', ['example.com/keep']), configMap('b', ['example.com/keep'])], NOW);
    expect(byType(pass).NamespaceFinalizersRemaining).toMatchObject({ status: 'True', reason: 'SomeFinalizersRemain', message: 'Some content in the namespace has finalizers remaining: example.com/keep in 2 resource instances' });
    expect(byType(pass).NamespaceContentRemaining.message).toBe('Some resources are remaining: configmaps. has 2 resource instances');
  });

  it('empty: every condition False and the namespace finalized, keeping finalizers that are not its own', () => {
    const pass = reconcileNamespace(terminating(), [], NOW);
    expect(pass.finalize).toBe(true);
    expect(pass.conditions.every((c) => c.status === 'False')).toBe(true);
    expect(finalizersAfter({ ...terminating(), spec: { finalizers: ['kubernetes', 'example.com/x'] } })).toEqual(['example.com/x']);
  });
});
