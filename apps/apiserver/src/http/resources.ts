import { groupVersionOf, RESOURCES, type Kind, type ResourceDeclaration } from '@kubesim/api';

/** A served resource as the HTTP layer reads it: its declaration, its REST name and group version. */
export interface ResourceInfo extends ResourceDeclaration {
  kind: Kind;
  /** The REST name (`configmaps`), = `plural`. */
  resource: string;
  /** `v1` for the core group, `apps/v1` … */
  groupVersion: string;
}

const INFOS: readonly ResourceInfo[] = (RESOURCES as readonly ResourceDeclaration[]).map((r) => ({ ...r, kind: r.kind as Kind, resource: r.plural, groupVersion: groupVersionOf(r) }));

const BY_GROUP_VERSION = new Map<string, ResourceInfo[]>();
for (const r of INFOS) BY_GROUP_VERSION.set(r.groupVersion, [...(BY_GROUP_VERSION.get(r.groupVersion) ?? []), r]);

/** Every served group/version (`v1`, `apps/v1`, …), with its resources, in the table's order. */
export const SERVED_GROUP_VERSIONS: Readonly<Record<string, readonly ResourceInfo[]>> = Object.fromEntries(BY_GROUP_VERSION);

export function resourceInfo(resource: string, groupVersion = 'v1'): ResourceInfo | undefined {
  return BY_GROUP_VERSION.get(groupVersion)?.find((r) => r.resource === resource);
}

/** The kind's resource, in whichever group serves it. */
export function resourceOfKind(kind: string): ResourceInfo | undefined {
  return INFOS.find((r) => r.kind === kind);
}

/** `configmaps`, `deployments.apps`: the resource as kube-apiserver names it in messages. */
export const qualifiedName = (info: ResourceInfo): string => (info.group ? `${info.resource}.${info.group}` : info.resource);
