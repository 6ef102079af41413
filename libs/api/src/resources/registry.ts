import { APIEXTENSIONS_RESOURCES } from './apiextensions.resources';
import { APPS_RESOURCES } from './apps.resources';
import { BATCH_RESOURCES } from './batch.resources';
import { CORE_RESOURCES } from './core.resources';
import { DISCOVERY_RESOURCES } from './discovery.resources';
import { AUTOSCALING_RESOURCES, COORDINATION_RESOURCES, STORAGE_RESOURCES } from './other.resources';
import { RBAC_RESOURCES } from './rbac.resources';
import { POLICY_RESOURCES } from './policy.resources';
import { customResources, onCustomResourcesChanged } from './custom-resources';
import { groupVersionOf, type ResourceDeclaration } from './resource';

/** Every served resource, in discovery's order. The one table behind the apiserver. */
export const RESOURCES = [...CORE_RESOURCES, ...APPS_RESOURCES, ...BATCH_RESOURCES, ...COORDINATION_RESOURCES, ...DISCOVERY_RESOURCES, ...STORAGE_RESOURCES, ...AUTOSCALING_RESOURCES, ...POLICY_RESOURCES, ...APIEXTENSIONS_RESOURCES, ...RBAC_RESOURCES] as const satisfies readonly ResourceDeclaration[];

type Declared = (typeof RESOURCES)[number];
/** Every kind the apiserver serves. */
export type DeclaredKind = Declared['kind'];
/** The kinds served by generic storage (whole objects: `ObjectCreated` …). */
export type GenericStoredKind = Extract<Declared, { storage: 'generic' }>['kind'];

const BUILT_IN: readonly ResourceDeclaration[] = RESOURCES;

/** The indexes of the table: the built-in resources, then the custom ones served now. */
interface Indexes {
  all: readonly ResourceDeclaration[];
  byGroupVersion: Map<string, ResourceDeclaration[]>;
  byKind: Map<string, ResourceDeclaration>;
}

function index(all: readonly ResourceDeclaration[]): Indexes {
  const byGroupVersion = new Map<string, ResourceDeclaration[]>();
  for (const r of all) {
    const gv = groupVersionOf(r);
    byGroupVersion.set(gv, [...(byGroupVersion.get(gv) ?? []), r]);
  }
  const byKind = new Map<string, ResourceDeclaration>();
  for (const r of all) if (!byKind.has(r.kind) && (!r.custom || r.version === r.custom.storageVersion)) byKind.set(r.kind, r);
  return { all, byGroupVersion, byKind };
}

let current = index(BUILT_IN);
onCustomResourcesChanged(() => (current = index([...BUILT_IN, ...customResources()])));

/** Every resource served now: the built-in table and the custom resources of Established CRDs. */
export const servedResources = (): readonly ResourceDeclaration[] => current.all;

/** A kind served by a CustomResourceDefinition now. */
export const isCustomKind = (kind: string): boolean => Boolean(current.byKind.get(kind)?.custom);

/** Served group versions, core first: `v1`, `apps/v1`, … */
export const groupVersions = (): string[] => [...current.byGroupVersion.keys()];

/** The resources of one group version (`v1`, `apps/v1`). */
export const resourcesOf = (groupVersion: string): readonly ResourceDeclaration[] => current.byGroupVersion.get(groupVersion) ?? [];

/** The resource `plural` of a group version: `resource('configmaps', 'v1')`. */
export const resourceFor = (plural: string, groupVersion: string): ResourceDeclaration | undefined => resourcesOf(groupVersion).find((r) => r.plural === plural);

/** The resource that stores a kind (its preferred version). */
export const resourceOfKind = (kind: string): ResourceDeclaration | undefined => current.byKind.get(kind);

/** The generically stored kinds, at run time. */
export const GENERIC_STORED_KINDS: readonly GenericStoredKind[] = BUILT_IN.filter((r) => r.storage === 'generic').map((r) => r.kind as GenericStoredKind);

/**
 * What a user names on the command line, as kubectl resolves it: plural, singular, a short name or
 * the kind (any case), optionally qualified by its group (`deploy.apps`, `deployments.apps`).
 */
export function resolveResource(name: string): ResourceDeclaration | undefined {
  const lower = name.toLowerCase();
  const dot = lower.indexOf('.');
  const [base, group] = dot < 0 ? [lower, undefined] : [lower.slice(0, dot), lower.slice(dot + 1)];
  const named = (r: ResourceDeclaration) => r.plural === base || r.singular === base || r.kind.toLowerCase() === base || (r.shortNames ?? []).includes(base);
  return current.all.find((r) => named(r) && (group === undefined || r.group === group || `${r.version}.${r.group}` === group));
}

/** The resources of a category (`all`): what `kubectl get all` lists. */
export const resourcesInCategory = (category: string): ResourceDeclaration[] => current.all.filter((r) => (r.categories ?? []).includes(category));
