import type { StatusCause } from '@kubesim/api';
import { failure, StatusError } from '../http/status';
import { nameOf, qualified, type Attributes } from './admission';

/**
 * admission.NewForbidden: 403, `<resource> "<name>" is forbidden: <why>`, the name from the
 * object (or its generateName, or `Unknown`).
 */
export function forbidden(a: Attributes, why: string, causes?: StatusCause[]): StatusError {
  const name = nameOf(a.object);
  return new StatusError(
    failure(403, 'Forbidden', `${qualified(a)} "${name}" is forbidden: ${why}`, { name, ...(a.group ? { group: a.group } : {}), kind: a.resource, ...(causes ? { causes } : {}) }),
  );
}
