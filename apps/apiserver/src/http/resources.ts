import { groupVersionOf, onCustomResourcesChanged, servedResources, type Kind, type ResourceDeclaration } from '@kubesim/api';

/** A served resource as the HTTP layer reads it: its declaration, its REST name and group version. */
export interface ResourceInfo extends ResourceDeclaration {
  kind: Kind;
  /** The REST name (`configmaps`), = `plural`. */
  resource: string;
  /** `v1` for the core group, `apps/v1` … */
  groupVersion: string;
}

interface Served {
  infos: readonly ResourceInfo[];
  byGroupVersion: Readonly<Record<string, readonly ResourceInfo[]>>;
}

/** Rebuilt when a CustomResourceDefinition starts or stops serving resources. */
function build(): Served {
  const infos = servedResources().map((r): ResourceInfo => ({ ...r, kind: r.kind as Kind, resource: r.plural, groupVersion: groupVersionOf(r) }));
  const byGroupVersion: Record<string, ResourceInfo[]> = {};
  for (const r of infos) (byGroupVersion[r.groupVersion] ??= []).push(r);
  return { infos, byGroupVersion };
}

let served = build();
onCustomResourcesChanged(() => (served = build()));

/** Every served group/version (`v1`, `apps/v1`, …, then custom groups), with its resources, in the table's order. */
export const servedGroupVersions = (): Readonly<Record<string, readonly ResourceInfo[]>> => served.byGroupVersion;

export function resourceInfo(resource: string, groupVersion = 'v1'): ResourceInfo | undefined {
  return served.byGroupVersion[groupVersion]?.find((r) => r.resource === resource);
}

/** The kind's resource, in whichever group serves it. */
export function resourceOfKind(kind: string): ResourceInfo | undefined {
  return served.infos.find((r) => r.kind === kind && (!r.custom || r.version === r.custom.storageVersion));
}

/** `configmaps`, `deployments.apps`: the resource as kube-apiserver names it in messages. */
export const qualifiedName = (info: ResourceInfo): string => (info.group ? `${info.resource}.${info.group}` : info.resource);
