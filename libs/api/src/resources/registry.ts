import { APPS_RESOURCES } from './apps.resources';
import { BATCH_RESOURCES } from './batch.resources';
import { CORE_RESOURCES } from './core.resources';
import { DISCOVERY_RESOURCES } from './discovery.resources';
import { AUTOSCALING_RESOURCES, COORDINATION_RESOURCES, STORAGE_RESOURCES } from './other.resources';
import { POLICY_RESOURCES } from './policy.resources';
import { groupVersionOf, type ResourceDeclaration } from './resource';

/** Every served resource, in discovery's order. The one table behind the apiserver. */
export const RESOURCES = [...CORE_RESOURCES, ...APPS_RESOURCES, ...BATCH_RESOURCES, ...COORDINATION_RESOURCES, ...DISCOVERY_RESOURCES, ...STORAGE_RESOURCES, ...AUTOSCALING_RESOURCES, ...POLICY_RESOURCES] as const satisfies readonly ResourceDeclaration[];

type Declared = (typeof RESOURCES)[number];
/** Every kind the apiserver serves. */
export type DeclaredKind = Declared['kind'];
/** The kinds served by generic storage (whole objects: `ObjectCreated` …). */
export type GenericStoredKind = Extract<Declared, { storage: 'generic' }>['kind'];

const ALL: readonly ResourceDeclaration[] = RESOURCES;

const byGroupVersion = new Map<string, ResourceDeclaration[]>();
for (const r of ALL) {
  const gv = groupVersionOf(r);
  byGroupVersion.set(gv, [...(byGroupVersion.get(gv) ?? []), r]);
}
const byKind = new Map<string, ResourceDeclaration>();
for (const r of ALL) if (!byKind.has(r.kind)) byKind.set(r.kind, r);

/** Served group versions, core first: `v1`, `apps/v1`, … */
export const groupVersions = (): string[] => [...byGroupVersion.keys()];

/** The resources of one group version (`v1`, `apps/v1`). */
export const resourcesOf = (groupVersion: string): readonly ResourceDeclaration[] => byGroupVersion.get(groupVersion) ?? [];

/** The resource `plural` of a group version: `resource('configmaps', 'v1')`. */
export const resourceFor = (plural: string, groupVersion: string): ResourceDeclaration | undefined => resourcesOf(groupVersion).find((r) => r.plural === plural);

/** The resource that stores a kind (its preferred version). */
export const resourceOfKind = (kind: string): ResourceDeclaration | undefined => byKind.get(kind);

/** The generically stored kinds, at run time. */
export const GENERIC_STORED_KINDS: readonly GenericStoredKind[] = ALL.filter((r) => r.storage === 'generic').map((r) => r.kind as GenericStoredKind);

/**
 * What a user names on the command line, as kubectl resolves it: plural, singular, a short name or
 * the kind (any case), optionally qualified by its group (`deploy.apps`, `deployments.apps`).
 */
export function resolveResource(name: string): ResourceDeclaration | undefined {
  const lower = name.toLowerCase();
  const dot = lower.indexOf('.');
  const [base, group] = dot < 0 ? [lower, undefined] : [lower.slice(0, dot), lower.slice(dot + 1)];
  const named = (r: ResourceDeclaration) => r.plural === base || r.singular === base || r.kind.toLowerCase() === base || (r.shortNames ?? []).includes(base);
  return ALL.find((r) => named(r) && (group === undefined || r.group === group || `${r.version}.${r.group}` === group));
}

/** The resources of a category (`all`): what `kubectl get all` lists. */
export const resourcesInCategory = (category: string): ResourceDeclaration[] => ALL.filter((r) => (r.categories ?? []).includes(category));
