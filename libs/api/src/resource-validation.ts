import { isQuantity, parseQuantity } from './quantity';
import type { StatusCause } from './types';

/** Upstream `IsExtendedResourceName`: a domain-prefixed name outside `kubernetes.io` (example.com/foo, nvidia.com/gpu). */
export function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/') || name.startsWith('requests.')) return false;
  const domain = name.slice(0, name.indexOf('/'));
  return domain !== 'kubernetes.io' && !domain.endsWith('.kubernetes.io');
}

/** Upstream `IsOvercommitAllowed`: requests may be below limits except for extended resources and hugepages. */
const overcommitAllowed = (name: string): boolean => !isExtendedResourceName(name) && !name.startsWith('hugepages-');

type Requirements = { requests?: Record<string, unknown>; limits?: Record<string, unknown> };

/**
 * One container's `resources` (ValidateResourceRequirements): each request at most its limit;
 * for extended resources and hugepages a request needs a limit and must equal it; extended
 * resources are whole numbers. Malformed quantities are reported elsewhere.
 */
export function resourceRequirementCauses(resources: Requirements | undefined, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const requests = resources?.requests ?? {};
  const limits = resources?.limits ?? {};
  const invalid = (path: string, value: unknown, detail: string) =>
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(String(value))}: ${detail}`, field: path });
  for (const kind of ['requests', 'limits'] as const) {
    for (const [name, q] of Object.entries(resources?.[kind] ?? {})) {
      if (isExtendedResourceName(name) && isQuantity(q) && !Number.isInteger(parseQuantity(q as string))) invalid(`${field}.${kind}[${name}]`, q, 'must be an integer');
    }
  }
  for (const [name, q] of Object.entries(requests)) {
    if (!isQuantity(q)) continue;
    const limit = limits[name];
    if (limit === undefined) {
      if (!overcommitAllowed(name)) {
        causes.push({ reason: 'FieldValueRequired', message: 'Required value: Limit must be set for non overcommitable resources', field: `${field}.limits` });
      }
      continue;
    }
    if (!isQuantity(limit)) continue;
    const [r, l] = [parseQuantity(q as string), parseQuantity(limit as string)];
    if (r !== l && !overcommitAllowed(name)) invalid(`${field}.requests`, q, `must be equal to ${name} limit of ${String(limit)}`);
    else if (r > l) invalid(`${field}.requests`, q, `must be less than or equal to ${name} limit of ${String(limit)}`);
  }
  return causes;
}
