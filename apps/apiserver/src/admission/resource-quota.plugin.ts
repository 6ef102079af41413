import { addAmounts, amountOf, containerUsage, mask, matchesScopes, prettyUsage, usageOf, type Container, type KubeObject, type Usage } from '@kubesim/api';
import type { ClusterView } from '@kubesim/core';
import type { ValidatingPlugin } from './admission';
import { forbidden } from './forbidden';

/** The resources whose quota makes every container name them (the pod evaluator's validationSet). */
const MUST_SPECIFY = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/** `must specify limits.cpu for: a,b; requests.cpu for: a` (podEvaluator.Constraints), or undefined. */
export function missingComputeResources(pod: Record<string, any>, hard: Record<string, string>): string | undefined {
  const required = MUST_SPECIFY.filter((r) => hard[r] !== undefined);
  if (!required.length) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])] as Container[]) {
    const has = containerUsage(c);
    for (const r of required) if (!has[r]) missing.set(r, (missing.get(r) ?? new Set()).add(c.name));
  }
  if (!missing.size) return undefined;
  return `must specify ${[...missing.keys()]
    .sort()
    .map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`)
    .join('; ')}`;
}

/** Current usage of one quota, counted from the objects themselves (what the quota controller writes into status.used). */
function usedBy(quota: KubeObject & Record<string, any>, view: ClusterView, kinds: string[], now: number): Usage {
  const hard = Object.keys(quota.spec?.hard ?? {});
  let used: Usage = {};
  for (const kind of kinds) {
    for (const o of view.list(kind as never)) {
      if (o.metadata.namespace !== quota.metadata.namespace || !matchesScopes(o, quota.spec?.scopes)) continue;
      for (const [r, a] of Object.entries(mask(usageOf(o, now), hard))) used = { ...used, [r]: addAmounts(used[r] ?? { value: 0, binary: a.binary }, a) };
    }
  }
  return used;
}

/**
 * ResourceQuota (apiserver plugin/resourcequota): a create that would take a namespace's usage of a
 * quota's hard resource past its limit is refused, 403 `exceeded quota: …`; a pod lacking a
 * cpu/memory request or limit a quota tracks, 403 `failed quota: …`. Runs last, on the object as it
 * would be stored (defaulted, named). Usage is counted from the apiserver's own store at admission,
 * in the command bus's decide step, whose view records that it listed the kind: a create of that kind
 * being appended makes it decide again, so concurrent creates are each counted
 * (upstream gets the same by updating status.used in the request).
 */
export const resourceQuota: ValidatingPlugin = {
  name: 'ResourceQuota',
  validate(a, view, ctx) {
    if (a.operation !== 'CREATE' || !a.namespace) return;
    const object = a.object as KubeObject;
    const quotas = [...view.list('ResourceQuota')].filter((q) => q.metadata.namespace === a.namespace).sort((x, y) => x.metadata.name.localeCompare(y.metadata.name)) as (KubeObject & Record<string, any>)[];
    for (const q of quotas) {
      const hard: Record<string, string> = q.spec?.hard ?? {};
      if (!matchesScopes(object, q.spec?.scopes)) continue;
      if (a.kind === 'Pod') {
        const missing = missingComputeResources(a.object, hard);
        if (missing) throw forbidden(a, `failed quota: ${q.metadata.name}: ${missing}`);
      }
      const requested = mask(usageOf(object, ctx.now), Object.keys(hard));
      if (!Object.keys(requested).length) continue;
      const used = usedBy(q, view, [a.kind], ctx.now);
      const exceeded = Object.keys(requested).filter((r) => addAmounts(used[r] ?? { value: 0, binary: false }, requested[r]!).value > amountOf(hard[r]).value + 1e-9);
      if (!exceeded.length) continue;
      const usedShown: Usage = Object.fromEntries(exceeded.map((r) => [r, used[r] ?? { value: 0, binary: amountOf(hard[r]).binary }]));
      throw forbidden(a, `exceeded quota: ${q.metadata.name}, requested: ${prettyUsage(mask(requested, exceeded))}, used: ${prettyUsage(usedShown)}, limited: ${prettyUsage(mask(Object.fromEntries(Object.entries(hard).map(([r, v]) => [r, amountOf(v)])), exceeded))}`);
    }
  },
};
