import { apiRootOf, groupVersionOf, resolveResource, syncCustomResources, type Kind } from '@kubesim/api';
import type { KubeClient } from './kube-client';

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
  /** Served by a CustomResourceDefinition: printed from the server's Table. */
  custom?: boolean;
}

/** Any resource the apiserver serves, as kubectl resolves its name (`cm`, `deploy.apps`, `configmaps`). */
export function cliResource(name: string): CliResource {
  const r = resolveResource(name);
  if (!r) throw new Error(`the server doesn't have a resource type "${name}"`);
  return { plural: r.plural, kind: r.kind as Kind, apiVersion: groupVersionOf(r), namespaced: r.namespaced, root: apiRootOf(r), ...(r.custom ? { custom: true } : {}), ...(r.group ? { qualified: `${r.kind.toLowerCase()}.${r.group}` } : {}) };
}

/**
 * `cliResource`, and for a name it does not know, the custom resources of the server's
 * CustomResourceDefinitions (learnt once per miss, as kubectl refreshes its discovery).
 */
export async function serverResource(client: KubeClient, name: string): Promise<CliResource> {
  try {
    return cliResource(name);
  } catch (e) {
    const crds = await client.get<{ items: Record<string, any>[] }>('/apis/apiextensions.k8s.io/v1/customresourcedefinitions').catch(() => undefined);
    if (!crds) throw e;
    syncCustomResources(crds.items);
    return cliResource(name);
  }
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
