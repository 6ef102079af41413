import type { StatusCause } from './types';

/**
 * A field error as a Status cause, as apimachinery's `field.Invalid`, `field.Required`,
 * `field.NotSupported` and `field.Forbidden` print it — the validation of every kind builds its
 * causes with these.
 */
export const invalid = (field: string, value: unknown, detail: string): StatusCause => ({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${detail}`, field });

export const required = (field: string, detail?: string): StatusCause => ({ reason: 'FieldValueRequired', message: detail ? `Required value: ${detail}` : 'Required value', field });

export const unsupported = (field: string, value: unknown, values: readonly string[]): StatusCause => ({
  reason: 'FieldValueNotSupported',
  message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}`,
  field,
});

export const forbidden = (field: string, detail: string): StatusCause => ({ reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field });
