import { customResourcesOf, syncCustomResources } from './custom-resources';
import { isCustomKind, resolveResource, resourceOfKind, resourcesOf } from './registry';
import { compareKubeVersions } from './version-priority';
import { conversionOf } from './conversions';

type Obj = Record<string, any>;
const established = { conditions: [{ type: 'Established', status: 'True' }], acceptedNames: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'], listKind: 'CronTabList' } };
const version = (name: string, o: Obj = {}) => ({ name, served: true, storage: false, schema: { openAPIV3Schema: { type: 'object' } }, ...o });
function aCrd(o: { versions?: Obj[]; status?: Obj; scope?: string } = {}): Obj {
  return {
    kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com' },
    spec: { group: 'stable.example.com', scope: o.scope ?? 'Namespaced', names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'] }, versions: o.versions ?? [version('v1', { storage: true })] },
    status: o.status ?? established,
  };
}

describe('custom resources served from CustomResourceDefinitions', () => {
  afterEach(() => syncCustomResources([]));

  it('a CRD that is not Established serves nothing', () => {
    expect(customResourcesOf(aCrd({ status: { conditions: [] } }))).toEqual([]);
  });

  it('an Established CRD serves each served version, newest first, by its accepted names and scope', () => {
    const served = customResourcesOf(aCrd({ scope: 'Cluster', versions: [version('v1beta1'), version('v1', { storage: true, subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } } }), version('v2alpha1', { served: false })] }));
    expect(served.map((r) => [r.version, r.namespaced, r.subresources ?? []])).toEqual([
      ['v1', false, ['status', 'scale']],
      ['v1beta1', false, []],
    ]);
    expect(served[0]).toMatchObject({ group: 'stable.example.com', kind: 'CronTab', plural: 'crontabs', singular: 'crontab', shortNames: ['ct'], storage: 'generic', custom: { crd: 'crontabs.stable.example.com', storageVersion: 'v1' } });
  });

  it('once synced, the registry routes them: plural, singular and short name resolve; the kind is generic storage', () => {
    syncCustomResources([aCrd()]);
    expect(resolveResource('ct')?.plural).toBe('crontabs');
    expect(resolveResource('crontab.stable.example.com')?.kind).toBe('CronTab');
    expect(resourcesOf('stable.example.com/v1').map((r) => r.plural)).toEqual(['crontabs']);
    expect(isCustomKind('CronTab')).toBe(true);
    syncCustomResources([]);
    expect(resolveResource('ct')).toBeUndefined();
    expect(isCustomKind('CronTab')).toBe(false);
  });

  it('conversion None between versions: only apiVersion changes; the kind is stored in its storage version', () => {
    syncCustomResources([aCrd({ versions: [version('v1', { storage: true }), version('v1beta1')] })]);
    expect(resourceOfKind('CronTab')?.version).toBe('v1');
    const beta = resourcesOf('stable.example.com/v1beta1')[0];
    expect(conversionOf(beta)!.toStored({ apiVersion: 'stable.example.com/v1beta1', spec: { a: 1 } })).toEqual({ apiVersion: 'stable.example.com/v1', spec: { a: 1 } });
    expect(conversionOf(beta)!.fromStored({ apiVersion: 'stable.example.com/v1' })).toEqual({ apiVersion: 'stable.example.com/v1beta1' });
    expect(conversionOf(resourcesOf('stable.example.com/v1')[0])).toBeUndefined();
  });

  it('kube-aware version order: GA, then beta, then alpha, higher first, then other names', () => {
    expect(['v1alpha1', 'v1beta1', 'foo', 'v1', 'v2', 'v11beta2', 'v10beta3', 'v3beta1', 'v12alpha1'].sort(compareKubeVersions)).toEqual(['v2', 'v1', 'v11beta2', 'v10beta3', 'v3beta1', 'v1beta1', 'v12alpha1', 'v1alpha1', 'foo']);
  });
});
