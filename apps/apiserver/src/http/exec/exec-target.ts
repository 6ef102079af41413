import type { Pod } from '@kubesim/api';
import { apiRoot } from '../discovery';
import { parseApiPath } from '../request-path';
import { badRequest, failure, StatusError } from '../status';

/** `/api/v1/namespaces/NS/pods/NAME/exec?…` (or `/attach`) → the pod it means and the query; anything else → undefined. */
export function execPath(url: string): { namespace: string; name: string; subresource: 'exec' | 'attach'; query: Record<string, string | string[]> } | undefined {
  const u = new URL(url, 'http://apiserver');
  if (!u.pathname.startsWith('/api/v1/')) return undefined;
  const root = apiRoot(u.pathname);
  if (root.kind !== 'resources') return undefined;
  const path = parseApiPath(root.rest);
  if (path.kind !== 'subresource' || path.resource !== 'pods' || (path.subresource !== 'exec' && path.subresource !== 'attach') || path.namespace === undefined) return undefined;
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(u.searchParams.keys())) {
    const all = u.searchParams.getAll(key);
    query[key] = all.length === 1 ? all[0] : all;
  }
  return { namespace: path.namespace, name: path.name, subresource: path.subresource, query };
}

/**
 * The kubelet's answer when the container has no running process: a plain-text 404, which kubectl
 * prints as `error: unable to upgrade connection: container not found ("c")`.
 */
export class ContainerNotFound extends Error {
  constructor(readonly container: string) {
    super(`container not found ("${container}")`);
  }
}

/**
 * The container an exec means: kube-apiserver's checks (`ExecLocation`: the name must be one of
 * the pod's containers; with several, one must be named), then the kubelet's (it must be running).
 */
export function execContainer(pod: Pod, requested: string | undefined): string {
  const name = pod.metadata.name;
  const containers = pod.spec.containers.map((c) => c.name);
  const inits = (pod.spec.initContainers ?? []).map((c) => c.name);
  let container = requested;
  if (!container) {
    if (containers.length !== 1) {
      const initText = inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : '';
      throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]${initText}`);
    }
    container = containers[0];
  }
  if (!containers.includes(container) && !inits.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
  const statuses = [...(pod.status.containerStatuses ?? []), ...(pod.status.initContainerStatuses ?? [])];
  if (!statuses.find((s) => s.name === container)?.state?.running) throw new ContainerNotFound(container);
  return container;
}

export const podNotFound = (name: string) => new StatusError(failure(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' }));
