import { badRequest } from './status';

/**
 * Whether a request is a server-side dry run (`?dryRun=All`, `kubectl … --dry-run=server`, `kubectl
 * diff`): a write whose admission and validation run and whose answer is the object as it would be,
 * with nothing written. Any other value is refused as kube-apiserver refuses it.
 */
export function serverDryRun(method: string, dryRun: unknown): boolean {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method.toUpperCase()) || dryRun === undefined || dryRun === '') return false;
  const values = (Array.isArray(dryRun) ? dryRun : [dryRun]).map(String);
  const bad = values.find((v) => v !== 'All');
  if (bad !== undefined) throw badRequest(`Invalid dry run value "${bad}": valid values are "All"`);
  return true;
}
