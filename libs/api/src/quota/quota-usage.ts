import { amountOf, addAmounts, formatQuantity, type Amount } from '../quantity-format';
import { qosClass } from '../defaults';
import { isPodTerminal } from '../pod-terminal';
import { resourceOfKind } from '../resources';
import type { Container, KubeObject, Pod, ResourceList } from '../types';

/** Usage by quota resource name (`requests.cpu`, `pods`, `count/deployments.apps`). */
export type Usage = Record<string, Amount>;

const ONE: Amount = { value: 1, binary: false };
const ZERO: Amount = { value: 0, binary: false };

/** The object counts with a legacy name besides `count/<resource>` (quota/v1/evaluator/core). */
const LEGACY_COUNT: Record<string, string> = {
  Pod: 'pods',
  Service: 'services',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  ReplicationController: 'replicationcontrollers',
  ResourceQuota: 'resourcequotas',
};

/** `count/pods`, `count/deployments.apps`. */
export function countResourceOf(kind: string): string | undefined {
  const decl = resourceOfKind(kind);
  if (!decl?.namespaced) return undefined;
  return `count/${decl.group ? `${decl.plural}.${decl.group}` : decl.plural}`;
}

/** Pod compute resources: `requests.<r>` and `limits.<r>` (with `cpu`/`memory` aliases of the requests). */
function computeUsage(requests: ResourceList, limits: ResourceList): Usage {
  const u: Usage = {};
  for (const [r, q] of Object.entries(requests)) {
    u[`requests.${r}`] = amountOf(q);
    if (r === 'cpu' || r === 'memory' || r === 'ephemeral-storage') u[r] = amountOf(q);
    if (r.startsWith('hugepages-')) u[r] = amountOf(q);
  }
  for (const [r, q] of Object.entries(limits)) {
    if (r === 'cpu' || r === 'memory' || r === 'ephemeral-storage') u[`limits.${r}`] = amountOf(q);
  }
  return u;
}

/** The usage one container declares (podComputeUsageHelper), limits defaulting missing requests. */
export function containerUsage(c: Container): Usage {
  const limits = c.resources?.limits ?? {};
  return computeUsage({ ...limits, ...(c.resources?.requests ?? {}) }, limits);
}

const sum = (a: Usage, b: Usage): Usage => {
  const out: Usage = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = addAmounts(out[k] ?? ZERO, v);
  return out;
};
const max = (a: Usage, b: Usage): Usage => {
  const out: Usage = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = !out[k] || v.value > out[k]!.value ? v : out[k]!;
  return out;
};

/** max(sum of containers, each init container), plus overhead: the pod's effective compute usage. */
function podComputeUsage(pod: Pod): Usage {
  const total = (pod.spec.containers ?? []).map(containerUsage).reduce(sum, {});
  const init = (pod.spec.initContainers ?? []).map(containerUsage).reduce(max, {});
  const overhead = (pod.spec.overhead as ResourceList | undefined) ?? {};
  return sum(max(total, init), computeUsage(overhead, overhead));
}

/** A pod that no longer uses compute quota: terminal, or past its deletion grace period. */
function releasedCompute(pod: Pod, now: number): boolean {
  if (isPodTerminal(pod)) return true;
  const ts = pod.metadata.deletionTimestamp;
  if (!ts) return false;
  return Date.parse(ts) + (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000 < now;
}

/** What an object counts against a quota (the evaluators of quota/v1/evaluator/core and generic). */
export function usageOf(o: KubeObject, now: number): Usage {
  const u: Usage = {};
  const count = countResourceOf(o.kind);
  if (count) u[count] = ONE;
  const legacy = LEGACY_COUNT[o.kind];
  const any = o as KubeObject & Record<string, any>;
  switch (o.kind) {
    case 'Pod':
      if (releasedCompute(o, now)) return u;
      return { ...u, pods: ONE, ...podComputeUsage(o) };
    case 'Service': {
      const type = any.spec?.type;
      const ports = (any.spec?.ports ?? []).length;
      return {
        ...u,
        services: ONE,
        'services.loadbalancers': type === 'LoadBalancer' ? ONE : ZERO,
        'services.nodeports': type === 'NodePort' || type === 'LoadBalancer' ? { value: ports, binary: false } : ZERO,
      };
    }
    case 'PersistentVolumeClaim': {
      const storage = amountOf(any.spec?.resources?.requests?.storage);
      const cls = any.spec?.storageClassName;
      return {
        ...u,
        persistentvolumeclaims: ONE,
        'requests.storage': storage,
        ...(cls ? { [`${cls}.storageclass.storage.k8s.io/requests.storage`]: storage, [`${cls}.storageclass.storage.k8s.io/persistentvolumeclaims`]: ONE } : {}),
      };
    }
    default:
      return legacy ? { ...u, [legacy]: ONE } : u;
  }
}

/** The quota scopes a pod matches (Terminating, NotTerminating, BestEffort, NotBestEffort). */
export function matchesScopes(o: KubeObject, scopes: readonly string[] | undefined): boolean {
  if (!scopes?.length) return true;
  if (o.kind !== 'Pod') return false;
  return scopes.every((s) => {
    switch (s) {
      case 'Terminating':
        return (o.spec as { activeDeadlineSeconds?: number }).activeDeadlineSeconds != null;
      case 'NotTerminating':
        return (o.spec as { activeDeadlineSeconds?: number }).activeDeadlineSeconds == null;
      case 'BestEffort':
        return qosClass(o) === 'BestEffort';
      case 'NotBestEffort':
        return qosClass(o) !== 'BestEffort';
      default:
        return false;
    }
  });
}

/** Keep only the resources named in `names`. */
export function mask(u: Usage, names: Iterable<string>): Usage {
  const out: Usage = {};
  for (const n of names) if (u[n]) out[n] = u[n]!;
  return out;
}

/** A quota's `status.used`: the sum over every matching object of its namespace, for each hard resource (0 where none). */
export function quotaUsed(hard: ResourceList, scopes: readonly string[] | undefined, objects: Iterable<KubeObject>, now: number): ResourceList {
  let total: Usage = {};
  for (const o of objects) if (matchesScopes(o, scopes)) total = sum(total, mask(usageOf(o, now), Object.keys(hard)));
  const used: ResourceList = {};
  for (const r of Object.keys(hard).sort()) used[r] = formatQuantity(total[r] ?? { value: 0, binary: amountOf(hard[r]).binary });
  return used;
}

/** `a=1,b=2Gi`: quota's prettyPrint (keys sorted, quantities canonical). */
export function prettyUsage(u: Usage | ResourceList): string {
  return Object.keys(u)
    .sort()
    .map((k) => {
      const v = (u as Record<string, Amount | string>)[k]!;
      return `${k}=${typeof v === 'string' ? formatQuantity(amountOf(v)) : formatQuantity(v)}`;
    })
    .join(',');
}

export { sum as addUsage };
