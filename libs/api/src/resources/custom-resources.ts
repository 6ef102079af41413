import { ALL_VERBS, type CustomResourceVersion, type PrinterColumn, type ResourceDeclaration, type Subresource } from './resource';
import { compareKubeVersions } from './version-priority';

type Obj = Record<string, any>;

/** The finalizer kube-apiserver puts on a CRD being deleted, until its custom resources are gone. */
export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

/** A CRD's condition of `type`, if it has one. */
export const crdCondition = (crd: Obj, type: string): Obj | undefined => (crd.status?.conditions ?? []).find((c: Obj) => c.type === type);

/** Established (`kubectl wait --for condition=established`): its resources are served. */
export const isEstablished = (crd: Obj): boolean => crdCondition(crd, 'Established')?.status === 'True';

const PRINTER_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'date']);

function printerColumns(v: Obj): PrinterColumn[] {
  return (v.additionalPrinterColumns ?? []).map((c: Obj) => ({
    name: c.name,
    type: PRINTER_TYPES.has(c.type) ? c.type : 'string',
    ...(c.format ? { format: c.format } : {}),
    ...(c.description ? { description: c.description } : {}),
    priority: c.priority ?? 0,
    jsonPath: c.jsonPath,
  }));
}

/**
 * The resources an Established CRD serves: one per served version, newest first (kube-aware version
 * order, as discovery lists them), named by its accepted names. None while it is not Established.
 */
export function customResourcesOf(crd: Obj): ResourceDeclaration[] {
  if (!isEstablished(crd)) return [];
  const spec = crd.spec ?? {};
  const names = { ...spec.names, ...crd.status?.acceptedNames };
  const storage = (spec.versions ?? []).find((v: Obj) => v.storage)?.name;
  if (!storage || !names.plural || !names.kind) return [];
  const served = (spec.versions ?? []).filter((v: Obj) => v.served).sort((a: Obj, b: Obj) => compareKubeVersions(a.name, b.name));
  return served.map((v: Obj): ResourceDeclaration => {
    const subresources: Subresource[] = [...(v.subresources?.status ? ['status' as const] : []), ...(v.subresources?.scale ? ['scale' as const] : [])];
    const scale = v.subresources?.scale;
    const custom: CustomResourceVersion = {
      crd: crd.metadata.name,
      storageVersion: storage,
      ...(v.schema?.openAPIV3Schema ? { schema: v.schema.openAPIV3Schema } : {}),
      printerColumns: printerColumns(v),
      ...(scale ? { scale: { specReplicasPath: scale.specReplicasPath, statusReplicasPath: scale.statusReplicasPath, ...(scale.labelSelectorPath ? { labelSelectorPath: scale.labelSelectorPath } : {}) } } : {}),
    };
    return {
      group: spec.group,
      version: v.name,
      kind: names.kind,
      plural: names.plural,
      singular: names.singular || String(names.kind).toLowerCase(),
      namespaced: spec.scope !== 'Cluster',
      ...(names.shortNames?.length ? { shortNames: [...names.shortNames] } : {}),
      ...(names.categories?.length ? { categories: [...names.categories] } : {}),
      verbs: ALL_VERBS,
      ...(subresources.length ? { subresources } : {}),
      storage: 'generic',
      custom,
    };
  });
}

let served: readonly ResourceDeclaration[] = [];
const listeners = new Set<() => void>();

/**
 * The custom resources this process serves now, from the CRDs in its projection. The projection
 * calls `syncCustomResources` whenever a CRD changes (also after a snapshot restore), so routing,
 * discovery, admission and the controllers all see one table.
 */
export const customResources = (): readonly ResourceDeclaration[] => served;

export function syncCustomResources(crds: Iterable<Obj>): void {
  const next = [...crds].sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name))).flatMap(customResourcesOf);
  if (JSON.stringify(next) === JSON.stringify(served)) return;
  served = next;
  for (const l of listeners) l();
}

/** Called after every change of the custom table (the registry's indexes). */
export function onCustomResourcesChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
