import type { ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * class-validator options that carry Kubernetes' field-error reason and message, so a failed
 * DTO becomes a Status cause such as `spec.containers[0].image: Required value`.
 */
export type FieldErrorReason = 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueDuplicate';

export const required = (detail?: string): ValidationOptions => ({
  message: detail ? `Required value: ${detail}` : 'Required value',
  context: { reason: 'FieldValueRequired' },
});

export const invalidValue = (detail: string): ValidationOptions => ({
  message: (a: ValidationArguments) => `Invalid value: ${JSON.stringify(a.value)}: ${detail}`,
  context: { reason: 'FieldValueInvalid' },
});

export const notSupported = (values: readonly string[]): ValidationOptions => ({
  message: (a: ValidationArguments) => `Unsupported value: ${JSON.stringify(a.value)}: supported values: ${values.map((v) => `"${v}"`).join(', ')}`,
  context: { reason: 'FieldValueNotSupported' },
});

export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
