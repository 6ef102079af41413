import { badRequest } from './status';

/**
 * kubesim has no server-side dry run: a write with `?dryRun=All` (`kubectl … --dry-run=server`) is
 * refused with a 400 that says so, rather than carried out — a dry run must change nothing.
 */
export function refuseServerDryRun(method: string, dryRun: unknown): void {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method.toUpperCase()) || dryRun === undefined || dryRun === '') return;
  const values = (Array.isArray(dryRun) ? dryRun : [dryRun]).map(String);
  const bad = values.find((v) => v !== 'All');
  if (bad !== undefined) throw badRequest(`Invalid dry run value "${bad}": valid values are "All"`);
  throw badRequest('kubesim does not support server-side dry run (dryRun=All); nothing was changed — use --dry-run=client');
}
