import type { EndpointSubset } from '../shared/endpoint-objects';

/** The most addresses an Endpoints object holds (`maxCapacity`). */
export const MAX_ENDPOINTS_CAPACITY = 1000;
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

/**
 * truncateEndpoints: past 1000 addresses in all, not-ready ones are cut first (all of them when the
 * ready ones alone are too many), each subset keeping its share rounded up, the last what is left.
 * Undefined when nothing had to go.
 */
export function truncateSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] | undefined {
  const totalReady = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  const totalNotReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0);
  if (totalReady + totalNotReady <= MAX_ENDPOINTS_CAPACITY) return undefined;
  const truncateReady = totalReady > MAX_ENDPOINTS_CAPACITY;
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  return subsets.map((s) => {
    const inSubset = (truncateReady ? s.addresses : s.notReadyAddresses)?.length ?? 0;
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      const addresses = (s.addresses ?? []).slice(0, toBeAdded);
      canBeAdded -= addresses.length;
      const { notReadyAddresses: _, ...rest } = s;
      return { ...rest, ...(addresses.length ? { addresses } : {}) };
    }
    const notReady = (s.notReadyAddresses ?? []).slice(0, toBeAdded);
    canBeAdded -= notReady.length;
    const { notReadyAddresses: _, ...rest } = s;
    return { ...rest, ...(notReady.length ? { notReadyAddresses: notReady } : {}) };
  });
}
