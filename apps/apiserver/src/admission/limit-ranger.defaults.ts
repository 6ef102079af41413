import type { Container, ResourceList } from '@kubesim/api';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

type Obj = Record<string, any>;

/** One LimitRange's `Container` defaults, later items winning (defaultContainerResourceRequirements). */
export function containerDefaults(limitRange: Obj): { requests: ResourceList; limits: ResourceList } {
  const requests: ResourceList = {};
  const limits: ResourceList = {};
  for (const item of limitRange.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  return { requests, limits };
}

/**
 * mergeContainerResources: a missing limit ← `default`, a missing request ← `defaultRequest` (a
 * limit already defaults its request, as SetDefaults_Pod ran before upstream's plugin). Returns the
 * container and its annotation parts (`cpu, memory request for container nginx`).
 */
function mergeContainer(c: Container, d: { requests: ResourceList; limits: ResourceList }, prefix: string): { container: Container; parts: string[] } {
  const limits: ResourceList = { ...(c.resources?.limits ?? {}) };
  const requests: ResourceList = { ...(c.resources?.requests ?? {}) };
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [r, q] of Object.entries(d.limits)) {
    if (limits[r] === undefined) {
      limits[r] = q;
      setLimits.push(r);
    }
  }
  for (const [r, q] of Object.entries(d.requests)) {
    if (requests[r] === undefined && (c.resources?.limits ?? {})[r] === undefined) {
      requests[r] = q;
      setRequests.push(r);
    }
  }
  const parts: string[] = [];
  if (setRequests.length) parts.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
  if (setLimits.length) parts.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
  if (!parts.length) return { container: c, parts };
  return { container: { ...c, resources: { ...(c.resources ?? {}), limits, requests } }, parts };
}

/** The pod with one LimitRange's defaults merged into every container and init container, and the annotation saying so. */
export function applyLimitRangeDefaults(pod: Obj, limitRange: Obj): Obj {
  const d = containerDefaults(limitRange);
  if (!Object.keys(d.requests).length && !Object.keys(d.limits).length) return pod;
  const parts: string[] = [];
  const merge = (list: Container[] | undefined, prefix: string) =>
    list?.map((c) => {
      const m = mergeContainer(c, d, prefix);
      parts.push(...m.parts);
      return m.container;
    });
  const containers = merge(pod.spec?.containers, 'container');
  const initContainers = merge(pod.spec?.initContainers, 'init container');
  if (!parts.length) return pod;
  return {
    ...pod,
    metadata: { ...(pod.metadata ?? {}), annotations: { ...(pod.metadata?.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${parts.join('; ')}` } },
    spec: { ...pod.spec, containers, ...(initContainers ? { initContainers } : {}) },
  };
}
