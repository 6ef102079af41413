import type { StatusCause } from './types';

/**
 * What kube-apiserver checks of a pod only at create (validation.go ValidatePodCreate) or only
 * about its scheduling gates (validateSchedulingGates, validateOnlyDeletedSchedulingGates).
 */

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const PREFIX_MSG =
  "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** apimachinery IsQualifiedName: `[prefix/]name`, the messages it returns (empty = valid). */
export function qualifiedNameErrors(value: string): string[] {
  const parts = value.split('/');
  if (parts.length > 2) return [`${NAME_PART_MSG.replace('name part must', 'a qualified name must')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  const name = parts[parts.length - 1];
  const errs: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
    else if (!DNS1123_SUBDOMAIN.test(prefix)) errs.push(PREFIX_MSG);
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!QUALIFIED_NAME.test(name)) errs.push(NAME_PART_MSG);
  return errs;
}

type Gate = { name?: unknown };
const gatesOf = (spec: Record<string, unknown>): Gate[] => (Array.isArray(spec.schedulingGates) ? (spec.schedulingGates as Gate[]) : []);

/** `spec.schedulingGates`: each a qualified name, none twice (create and update). */
export function schedulingGateCauses(spec: Record<string, unknown>, prefix = 'spec'): StatusCause[] {
  if (spec.schedulingGates === undefined || spec.schedulingGates === null) return [];
  const field = `${prefix}.schedulingGates`;
  if (!Array.isArray(spec.schedulingGates)) return [{ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(spec.schedulingGates)}: must be a list`, field }];
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  gatesOf(spec).forEach((g, i) => {
    const name = typeof g?.name === 'string' ? g.name : '';
    for (const msg of qualifiedNameErrors(name)) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(name)}: ${msg}`, field: `${field}[${i}]` });
    if (seen.has(name)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${JSON.stringify(name)}`, field: `${field}[${i}]` });
    seen.add(name);
  });
  return causes;
}

/** ValidatePodCreate's own checks: no ephemeral containers, no nodeName while gated; then the gates themselves. */
export function podCreateCauses(spec: Record<string, unknown>): StatusCause[] {
  const causes: StatusCause[] = [];
  if (Array.isArray(spec.ephemeralContainers) ? spec.ephemeralContainers.length > 0 : spec.ephemeralContainers != null) {
    causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: cannot be set on create', field: 'spec.ephemeralContainers' });
  }
  if (typeof spec.nodeName === 'string' && spec.nodeName !== '' && gatesOf(spec).length > 0) {
    causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: cannot be set until all schedulingGates have been cleared', field: 'spec.nodeName' });
  }
  return [...causes, ...schedulingGateCauses(spec)];
}

/** On update, gates may only go (validateOnlyDeletedSchedulingGates): a new one is forbidden. */
export function schedulingGateUpdateCauses(newSpec: Record<string, unknown>, oldSpec: Record<string, unknown>): StatusCause[] {
  const old = new Set(gatesOf(oldSpec).map((g) => g.name));
  const causes: StatusCause[] = [];
  gatesOf(newSpec).forEach((g, i) => {
    if (!old.has(g.name)) {
      causes.push({ reason: 'FieldValueForbidden', message: `Forbidden: only deletion is allowed, but found new scheduling gate '${String(g.name)}'`, field: `spec.schedulingGates[${i}].name` });
    }
  });
  return [...causes, ...schedulingGateCauses(newSpec)];
}

/** The names of a pod's scheduling gates (none: the scheduler may place it). */
export const schedulingGateNames = (spec: Record<string, unknown> | undefined): string[] => gatesOf(spec ?? {}).map((g) => String(g.name));
