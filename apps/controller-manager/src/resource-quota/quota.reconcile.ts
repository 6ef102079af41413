import { canonicalQuantity, quotaUsed, type KubeObject, type ResourceList } from '@kubesim/api';

type Quota = KubeObject & { spec?: { hard?: ResourceList; scopes?: string[] }; status?: { hard?: ResourceList; used?: ResourceList } };

/**
 * The resource-quota controller's sync of one quota (resource_quota_controller.go syncResourceQuota):
 * `status.hard` is a copy of `spec.hard`, `status.used` the usage of every matching object of the
 * namespace, recounted from scratch. `undefined` when the status is already that.
 */
export function reconcileQuota(quota: Quota, namespaceObjects: Iterable<KubeObject>, now: number): { hard: ResourceList; used: ResourceList } | undefined {
  const hard: ResourceList = Object.fromEntries(Object.entries(quota.spec?.hard ?? {}).map(([r, q]) => [r, String(canonicalQuantity(q))]));
  const used = quotaUsed(hard, quota.spec?.scopes, namespaceObjects, now);
  const same = JSON.stringify(quota.status?.hard ?? null) === JSON.stringify(hard) && JSON.stringify(quota.status?.used ?? null) === JSON.stringify(used);
  return same ? undefined : { hard, used };
}
