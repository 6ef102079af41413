import { RESOURCES, schemaNameOf, groupVersionOf, type ResourceDeclaration } from '@kubesim/api';
import { printerForKind } from '@kubesim/printers';
import { aggregatedDiscovery } from './aggregated-discovery';
import { apiGroupList, apiResourceList } from './discovery';
import { resourceHandlers } from './handlers';
import { K8S_SCHEMAS } from './openapi/schemas';
import { allOpenApiDocuments } from './openapi/openapi';
import { resourceInfo } from './resources';

const handlers = resourceHandlers({} as never, {} as never, () => ({}) as never, {} as never);
const WRITE_VERBS = { create: 'create', update: 'update', patch: 'patch', delete: 'delete', deletecollection: 'delete' } as const;
/** Kinds with their own object types (the others are printed from whatever fields they have). */
const TYPED = new Set(['Pod', 'Node', 'Event', 'Namespace', 'Service', 'Deployment', 'ReplicaSet', 'DaemonSet']);
const all: readonly ResourceDeclaration[] = RESOURCES;
const stored = all.filter((r) => r.storage !== 'lease');
const name = (r: ResourceDeclaration) => `${r.plural} (${groupVersionOf(r)})`;

describe('the resource table: every declared resource is served', () => {
  it.each(all.map((r) => [name(r), r] as const))('%s is routable by its group version and plural', (_n, r) => {
    expect(resourceInfo(r.plural, groupVersionOf(r))?.kind).toBe(r.kind);
  });

  it.each(all.map((r) => [name(r), r] as const))('%s is in discovery, legacy and aggregated', (_n, r) => {
    const gv = groupVersionOf(r);
    expect(apiResourceList(gv).resources.map((e) => e.name)).toContain(r.plural);
    if (r.group) expect(apiGroupList().groups.find((g) => g.name === r.group)?.versions.map((v) => v.version)).toContain(r.version);
    const group = aggregatedDiscovery(r.group ? 'named' : 'core').items.find((i) => i.metadata.name === r.group);
    const resources = group?.versions.find((v) => v.version === r.version)?.resources ?? [];
    expect(resources.find((x) => x.resource === r.plural)).toMatchObject({ responseKind: { group: r.group, version: r.version, kind: r.kind }, scope: r.namespaced ? 'Namespaced' : 'Cluster' });
  });

  it.each(all.map((r) => [name(r), r] as const))('%s has its schema for kubectl explain and an OpenAPI document', (_n, r) => {
    expect(K8S_SCHEMAS[schemaNameOf(r)]).toBeDefined();
    const docs = allOpenApiDocuments() as Record<string, { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>;
    const doc = docs[r.group ? `apis/${groupVersionOf(r)}` : 'api/v1'];
    expect(doc.components.schemas[schemaNameOf(r)]).toBeDefined();
    expect(Object.keys(doc.paths).some((p) => p.endsWith(`/${r.plural}`))).toBe(true);
  });

  it.each(stored.map((r) => [name(r), r] as const))('%s prints with a NAME column', (_n, r) => {
    const printer = printerForKind(r.kind as never);
    expect(printer.columns.find((c) => c.format === 'name')).toBeDefined();
    if (TYPED.has(r.kind)) return; // typed kinds are printed from complete objects (their own printer specs)
    const row = printer.row({ kind: r.kind, apiVersion: groupVersionOf(r), metadata: { name: 'x', creationTimestamp: '2026-01-01T00:00:00Z' }, spec: {}, status: {} } as never, Date.parse('2026-01-01T00:01:00Z'), true);
    expect(row).toHaveLength(printer.columns.length);
    expect(row[0]).toContain('x');
  });

  it.each(stored.map((r) => [name(r), r] as const))('%s has a handler for each declared write verb and subresource', (_n, r) => {
    const h = handlers[r.storage];
    for (const v of r.verbs) if (v in WRITE_VERBS) expect(h[WRITE_VERBS[v as keyof typeof WRITE_VERBS]], `${r.plural} ${v}`).toBeTypeOf('function');
    for (const s of r.subresources ?? []) if (s !== 'status' || r.storage === 'generic') expect(h.subresources?.[s], `${r.plural}/${s}`).toBeTypeOf('function');
  });

  it('names each plural, short name and kind once per group', () => {
    const seen = new Map<string, string>();
    for (const r of all) {
      for (const n of new Set([r.plural, r.singular, ...(r.shortNames ?? [])])) {
        const key = `${groupVersionOf(r)}/${n}`;
        expect(seen.get(key), key).toBeUndefined();
        seen.set(key, r.kind);
      }
    }
  });
});
