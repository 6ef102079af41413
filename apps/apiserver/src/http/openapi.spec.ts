import { coreV1OpenApi, openApiV3Index } from './openapi';
import { CORE_V1 } from './resources';

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

  it.each(CORE_V1.map((r) => r.kind))('lets kubectl find fieldValidation for %s', (kind) => {
    expect(patchSupports(doc, kind, 'fieldValidation')).toBe(true);
  });

  it('describes the collection and item paths of each resource', () => {
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/namespaces/{namespace}/pods', '/api/v1/namespaces/{namespace}/pods/{name}', '/api/v1/nodes/{name}', '/api/v1/namespaces']),
    );
    expect(doc.openapi).toBe('3.0.0');
  });

  it('indexes api/v1 under a URL that changes with the document', () => {
    const index = openApiV3Index(doc);
    expect(index.paths['api/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    expect(openApiV3Index({ ...doc, info: { title: 'x', version: 'y' } }).paths['api/v1'].serverRelativeURL).not.toBe(index.paths['api/v1'].serverRelativeURL);
  });
});
