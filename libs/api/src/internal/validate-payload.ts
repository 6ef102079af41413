import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { StatusCause } from '../types';

export type PayloadCheck<T> = { ok: true; payload: T } | { ok: false; causes: StatusCause[] };

/**
 * A NATS payload against its DTO, as Nest's ValidationPipe({ whitelist, forbidNonWhitelisted })
 * would check it: an unknown top-level field is refused, not dropped. Each cause names its field
 * (`status`, `node.cpu`, `taints`) and says what is wrong in class-validator's words.
 */
export function validatePayload<T extends object>(cls: ClassConstructor<T>, body: unknown): PayloadCheck<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, causes: [{ reason: 'FieldValueInvalid', message: 'the payload must be an object', field: '' }] };
  const payload = plainToInstance(cls, body);
  const errors = validateSync(payload, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
  if (errors.length === 0) return { ok: true, payload };
  return { ok: false, causes: errors.flatMap((e) => causesOf(e, '')) };
}

function causesOf(e: ValidationError, parent: string): StatusCause[] {
  const field = parent ? `${parent}.${e.property}` : e.property;
  const own = Object.values(e.constraints ?? {}).map((message) => ({ reason: 'FieldValueInvalid', message: parent ? `${parent}.${message}` : message, field }));
  return [...own, ...(e.children ?? []).flatMap((c) => causesOf(c, field))];
}
