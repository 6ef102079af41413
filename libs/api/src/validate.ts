import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { isQuantity } from './quantity';
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
  return causes;
}
