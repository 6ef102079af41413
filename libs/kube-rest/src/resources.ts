import { apiRootOf, groupVersionOf, resolveResource, type Kind } from '@kubesim/api';

/** The resource names `kubesim get/delete` understand, as kubectl spells them. */
export interface CliResource {
  plural: string;
  kind: Kind;
  namespaced: boolean;
  /** `/api/v1` or `/apis/apps/v1` */
  root?: string;
  /** `apps/v1` */
  apiVersion: string;
  /** `deployment.apps` — how kubectl names the kind in messages. */
  qualified?: string;
}

/** Any resource the apiserver serves, as kubectl resolves its name (`cm`, `deploy.apps`, `configmaps`). */
export function cliResource(name: string): CliResource {
  const r = resolveResource(name);
  if (!r) throw new Error(`the server doesn't have a resource type "${name}"`);
  return { plural: r.plural, kind: r.kind as Kind, apiVersion: groupVersionOf(r), namespaced: r.namespaced, root: apiRootOf(r), ...(r.group ? { qualified: `${r.kind.toLowerCase()}.${r.group}` } : {}) };
}

export function collectionPath(r: CliResource, namespace: string | undefined): string {
  const root = r.root ?? '/api/v1';
  if (!r.namespaced) return `${root}/${r.plural}`;
  return namespace === undefined ? `${root}/${r.plural}` : `${root}/namespaces/${encodeURIComponent(namespace)}/${r.plural}`;
}

/** `deployment.apps/web`, `pod/web`: how kubectl names an object in its output. */
export const objectName = (r: CliResource, name: string) => `${r.qualified ?? r.kind.toLowerCase()}/${name}`;

export function itemPath(r: CliResource, namespace: string, name: string): string {
  return `${collectionPath(r, namespace)}/${encodeURIComponent(name)}`;
}
