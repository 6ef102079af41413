import { coreV1OpenApi, groupVersionOpenApi, openApiV3Index } from './openapi';
import { servedGroupVersions } from '../resources';

type Operation = { parameters?: { name: string; in: string }[]; 'x-kubernetes-group-version-kind'?: Record<string, string> };

/** kubectl's queryParamVerifierV3: the kind's PATCH operation must list the query parameter. */
function patchSupports(doc: ReturnType<typeof coreV1OpenApi>, kind: string, param: string): boolean | undefined {
  for (const item of Object.values(doc.paths) as Record<string, Operation>[]) {
    const op = item.patch;
    const gvk = op?.['x-kubernetes-group-version-kind'];
    if (!op || gvk?.group !== '' || gvk.version !== 'v1' || gvk.kind !== kind) continue;
    return (op.parameters ?? []).some((p) => p.name === param && p.in === 'query');
  }
  return undefined;
}

describe('OpenAPI v3 for /api/v1 (kubectl --validate=strict)', () => {
  const doc = coreV1OpenApi();

  it.each(servedGroupVersions()['v1'].map((r) => r.kind))('lets kubectl find fieldValidation for %s', (kind) => {
    expect(patchSupports(doc, kind, 'fieldValidation')).toBe(true);
  });

  it('describes the collection and item paths of each resource', () => {
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/namespaces/{namespace}/pods', '/api/v1/namespaces/{namespace}/pods/{name}', '/api/v1/nodes/{name}', '/api/v1/namespaces']),
    );
    expect(doc.openapi).toBe('3.0.0');
  });

  it('indexes api/v1 under a URL that changes with the document', () => {
    const index = openApiV3Index({ 'api/v1': doc });
    expect(index.paths['api/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    expect(openApiV3Index({ 'api/v1': { ...doc, info: { title: 'x', version: 'y' } } }).paths['api/v1'].serverRelativeURL).not.toBe(index.paths['api/v1'].serverRelativeURL);
  });
});

describe('OpenAPI v3 schemas (kubectl explain)', () => {
  const gvkOf = (doc: { components: { schemas: Record<string, unknown> } }, name: string) => (doc.components.schemas[name] as { 'x-kubernetes-group-version-kind'?: unknown })?.['x-kubernetes-group-version-kind'];

  it.each([
    ['v1', 'io.k8s.api.core.v1.Pod', { group: '', version: 'v1', kind: 'Pod' }],
    ['v1', 'io.k8s.api.core.v1.NodeList', { group: '', version: 'v1', kind: 'NodeList' }],
    ['v1', 'io.k8s.api.policy.v1.Eviction', { group: 'policy', version: 'v1', kind: 'Eviction' }],
    ['apps/v1', 'io.k8s.api.apps.v1.Deployment', { group: 'apps', version: 'v1', kind: 'Deployment' }],
    ['apps/v1', 'io.k8s.api.autoscaling.v1.Scale', { group: 'autoscaling', version: 'v1', kind: 'Scale' }],
  ])('%s carries %s, tagged with its group/version/kind', (gv, name, gvk) => {
    expect(gvkOf(groupVersionOpenApi(gv), name)).toEqual([gvk]);
  });

  it.each(['v1', 'apps/v1'])('%s: every reference resolves within the document', (gv) => {
    const doc = groupVersionOpenApi(gv);
    const refs = [...JSON.stringify(doc.components.schemas).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((r) => !(r in doc.components.schemas))).toEqual([]);
  });

  it('fields carry Kubernetes’ descriptions, required lists and enums', () => {
    const spec = groupVersionOpenApi('v1').components.schemas['io.k8s.api.core.v1.PodSpec'] as { required: string[]; properties: Record<string, { description: string; enum?: string[]; type?: string; format?: string }> };
    expect(spec.required).toEqual(['containers']);
    expect(spec.properties.restartPolicy.enum).toEqual(['Always', 'Never', 'OnFailure']);
    expect(spec.properties.terminationGracePeriodSeconds).toMatchObject({ type: 'integer', format: 'int64' });
    expect(spec.properties.containers.description).toBe('List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.');
  });

  it('the apps/v1 document carries no core kind as its own', () => {
    const doc = groupVersionOpenApi('apps/v1');
    expect(doc.components.schemas['io.k8s.api.core.v1.PodTemplateSpec']).toBeDefined();
    expect(doc.components.schemas['io.k8s.api.core.v1.Pod']).toBeUndefined();
  });
});
