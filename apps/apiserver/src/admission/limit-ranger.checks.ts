import { addAmounts, amountOf, canonicalQuantity, formatQuantity, milliCpu, parseQuantity, type Amount, type Container, type ResourceList } from '@kubesim/api';

type Obj = Record<string, any>;

/** cpu compares in millicores, everything else in base units (requestLimitEnforcedValues). */
const valueOf = (resource: string, q: string | number): number => (resource === 'cpu' ? milliCpu(q) : Math.ceil(parseQuantity(q) - 1e-9));
const show = (q: string | number) => String(canonicalQuantity(q));

export function minConstraint(type: string, r: string, enforced: string, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests[r];
  const lim = limits[r];
  if (req === undefined) return `minimum ${r} usage per ${type} is ${show(enforced)}.  No request is specified.`;
  if (valueOf(r, req) < valueOf(r, enforced)) return `minimum ${r} usage per ${type} is ${show(enforced)}, but request is ${show(req)}.`;
  if (lim !== undefined && valueOf(r, lim) < valueOf(r, enforced)) return `minimum ${r} usage per ${type} is ${show(enforced)}, but limit is ${show(lim)}.`;
  return undefined;
}

export function maxConstraint(type: string, r: string, enforced: string, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests[r];
  const lim = limits[r];
  if (lim === undefined) return `maximum ${r} usage per ${type} is ${show(enforced)}.  No limit is specified.`;
  if (valueOf(r, lim) > valueOf(r, enforced)) return `maximum ${r} usage per ${type} is ${show(enforced)}, but limit is ${show(lim)}.`;
  if (req !== undefined && valueOf(r, req) > valueOf(r, enforced)) return `maximum ${r} usage per ${type} is ${show(enforced)}, but request is ${show(req)}.`;
  return undefined;
}

export function ratioConstraint(type: string, r: string, enforced: string, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests[r] === undefined ? 0 : valueOf(r, requests[r]!);
  const lim = limits[r] === undefined ? 0 : valueOf(r, limits[r]!);
  if (req === 0) return `${r} max limit to request ratio per ${type} is ${show(enforced)}, but no request is specified or request is 0.`;
  if (lim === 0) return `${r} max limit to request ratio per ${type} is ${show(enforced)}, but no limit is specified or limit is 0.`;
  const ratio = lim / req;
  // Compared in thousandths, as upstream does for ratios up to MaxMilliValue.
  if (Math.round(ratio * 1000 * 1e6) / 1e6 > Math.round(parseQuantity(enforced) * 1000)) {
    return `${r} max limit to request ratio per ${type} is ${show(enforced)}, but provided ratio is ${ratio.toFixed(6)}.`;
  }
  return undefined;
}

function checkAll(item: Obj, type: string, requests: ResourceList, limits: ResourceList): string[] {
  const errs: (string | undefined)[] = [];
  for (const [r, q] of Object.entries<string>(item.min ?? {})) errs.push(minConstraint(type, r, q, requests, limits));
  for (const [r, q] of Object.entries<string>(item.max ?? {})) errs.push(maxConstraint(type, r, q, requests, limits));
  for (const [r, q] of Object.entries<string>(item.maxLimitRequestRatio ?? {})) errs.push(ratioConstraint(type, r, q, requests, limits));
  return errs.filter((e): e is string => e !== undefined);
}

/** Sum of the containers, each init container taken when larger (the limitranger's podRequests/podLimits). */
function podTotal(pod: Obj, of: 'requests' | 'limits'): ResourceList {
  const total: Record<string, Amount> = {};
  for (const c of (pod.spec?.containers ?? []) as Container[]) {
    for (const [r, q] of Object.entries(c.resources?.[of] ?? {})) total[r] = addAmounts(total[r] ?? { value: 0, binary: false }, amountOf(q));
  }
  for (const c of (pod.spec?.initContainers ?? []) as Container[]) {
    for (const [r, q] of Object.entries(c.resources?.[of] ?? {})) if (!total[r] || amountOf(q).value > total[r]!.value) total[r] = amountOf(q);
  }
  return Object.fromEntries(Object.entries(total).map(([r, a]) => [r, formatQuantity(a)]));
}

/** Every violation of one LimitRange by a pod (PodValidateLimitFunc), in upstream's order. */
export function limitRangeViolations(pod: Obj, limitRange: Obj): string[] {
  const errs: string[] = [];
  for (const item of limitRange.spec?.limits ?? []) {
    if (item.type === 'Container') {
      for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])] as Container[]) {
        errs.push(...checkAll(item, 'Container', c.resources?.requests ?? {}, c.resources?.limits ?? {}));
      }
    } else if (item.type === 'Pod') {
      errs.push(...checkAll(item, 'Pod', podTotal(pod, 'requests'), podTotal(pod, 'limits')));
    }
  }
  return errs;
}

/** maxRequestConstraint: what a claim requests, against `max` (its limits are not user input). */
export function maxRequestConstraint(type: string, r: string, enforced: string, requests: ResourceList): string | undefined {
  const req = requests[r];
  if (req === undefined) return `maximum ${r} usage per ${type} is ${show(enforced)}.  No request is specified.`;
  if (valueOf(r, req) > valueOf(r, enforced)) return `maximum ${r} usage per ${type} is ${show(enforced)}, but request is ${show(req)}.`;
  return undefined;
}

/** Every violation of one LimitRange by a PersistentVolumeClaim (PersistentVolumeClaimValidateLimitFunc). */
export function claimLimitRangeViolations(claim: Obj, limitRange: Obj): string[] {
  const requests: ResourceList = claim.spec?.resources?.requests ?? {};
  const errs: (string | undefined)[] = [];
  for (const item of limitRange.spec?.limits ?? []) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [r, q] of Object.entries<string>(item.min ?? {})) errs.push(minConstraint('PersistentVolumeClaim', r, q, requests, {}));
    for (const [r, q] of Object.entries<string>(item.max ?? {})) errs.push(maxRequestConstraint('PersistentVolumeClaim', r, q, requests));
  }
  return errs.filter((e): e is string => e !== undefined);
}
