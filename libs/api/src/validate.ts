import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { isQuantity } from './quantity';
import { resourceRequirementCauses } from './resource-validation';
import { schedulingCauses } from './scheduling-validation';
import type { StatusCause } from './types';

/**
 * Validates a request body against a class-validator DTO and returns Kubernetes field causes
 * (`spec.containers[0].image`, reason FieldValueRequired, message "Required value"). Empty = valid.
 */
export function validateDto<T extends object>(cls: ClassConstructor<T>, body: unknown, prefix = ''): StatusCause[] {
  // A body that is not an object (null, a list, a string) has none of the required fields.
  const plain = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
  const instance = plainToInstance(cls, plain);
  // Every failed constraint is collected, not just the first to run: class-validator runs a
  // property's decorators bottom-up, so "first" would be the last one declared.
  const errors = validateSync(instance as object, { forbidUnknownValues: false });
  return errors.flatMap((e) => causesOf(e, prefix));
}

function causesOf(e: ValidationError, parent: string): StatusCause[] {
  const path = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
  const own = Object.entries(e.constraints ?? {}).map(([name, message]) => ({
    reason: (e.contexts?.[name]?.reason as string | undefined) ?? 'FieldValueInvalid',
    message,
    field: path,
  }));
  // One cause per field, as Kubernetes reports it: a missing or empty value is "Required", not invalid.
  const first = own.find((c) => c.reason === 'FieldValueRequired') ?? own[0];
  return [...(first ? [first] : []), ...(e.children ?? []).flatMap((c) => causesOf(c, path))];
}

interface ContainerLike {
  name?: unknown;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  restartPolicy?: unknown;
  [field: string]: unknown;
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
const PROBE_MINIMUMS: Record<string, number> = { initialDelaySeconds: 0, periodSeconds: 1, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 1, terminationGracePeriodSeconds: 1 };

/** Probes and lifecycle hooks (validation.go validateProbe / validateLifecycle): one handler each, sane numbers. */
function probeAndHookCauses(c: ContainerLike, field: string, init: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  const handlerCauses = (value: unknown, path: string, allowed: string[]) => {
    if (typeof value !== 'object' || value === null) return void causes.push({ reason: 'FieldValueInvalid', message: 'Invalid value: must be an object', field: path });
    const set = allowed.filter((h) => (value as Record<string, unknown>)[h] !== undefined);
    if (set.length === 0) causes.push({ reason: 'FieldValueRequired', message: 'Required value: must specify a handler type', field: path });
    if (set.length > 1) causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: may not specify more than 1 handler type', field: `${path}.${set[1]}` });
    const exec = (value as { exec?: { command?: unknown } }).exec;
    if (exec && (!Array.isArray(exec.command) || exec.command.length === 0)) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: `${path}.exec.command` });
  };
  const sidecar = c.restartPolicy === 'Always';
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const value = c[probe];
    if (value === undefined) continue;
    const path = `${field}.${probe}`;
    if (init && !sidecar) {
      causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: may not be set for init containers without restartPolicy=Always', field: path });
      continue;
    }
    handlerCauses(value, path, HANDLERS);
    for (const [name, min] of Object.entries(PROBE_MINIMUMS)) {
      const n = (value as Record<string, unknown>)?.[name];
      if (n === undefined) continue;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
        causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(n)}: must be greater than or equal to ${min}`, field: `${path}.${name}` });
      }
    }
    const success = (value as Record<string, unknown>)?.successThreshold;
    if (probe !== 'readinessProbe' && success !== undefined && success !== 1) {
      causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(success)}: must be 1`, field: `${path}.successThreshold` });
    }
  }
  const lifecycle = c.lifecycle as Record<string, unknown> | undefined;
  if (lifecycle !== undefined) {
    if (init && !sidecar) causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: may not be set for init containers without restartPolicy=Always', field: `${field}.lifecycle` });
    else for (const hook of ['postStart', 'preStop']) if (lifecycle?.[hook] !== undefined) handlerCauses(lifecycle[hook], `${field}.lifecycle.${hook}`, HOOK_HANDLERS);
  }
  return causes;
}

/** Checks a DTO cannot express: names unique across all containers, well-formed quantities. */
export function podSemanticCauses(spec: { containers?: ContainerLike[]; initContainers?: ContainerLike[] }, prefix = 'spec'): StatusCause[] {
  const causes: StatusCause[] = [];
  const seen = new Set<unknown>();
  const groups: [string, ContainerLike[] | undefined][] = [
    [`${prefix}.initContainers`, spec.initContainers],
    [`${prefix}.containers`, spec.containers],
  ];
  for (const [field, list] of groups) {
    (list ?? []).forEach((c, i) => {
      if (seen.has(c.name)) {
        causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${JSON.stringify(c.name)}`, field: `${field}[${i}].name` });
      }
      seen.add(c.name);
      causes.push(...probeAndHookCauses(c, `${field}[${i}]`, field.endsWith('initContainers')));
      causes.push(...resourceRequirementCauses(c.resources, `${field}[${i}].resources`));
      for (const kind of ['requests', 'limits'] as const) {
        for (const [res, q] of Object.entries(c.resources?.[kind] ?? {})) {
          if (!isQuantity(q)) {
            causes.push({
              reason: 'FieldValueInvalid',
              message: `Invalid value: ${JSON.stringify(q)}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
              field: `${field}[${i}].resources.${kind}[${res}]`,
            });
          }
        }
      }
    });
  }
  causes.push(...schedulingCauses(spec as Record<string, unknown>, prefix));
  return causes;
}
