import { qualifiedNameErrors } from './pod-create-validation';
import type { StatusCause } from './types';

/** apimachinery's TotalAnnotationSizeLimitB: every annotation's key and value together. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const invalid = (field: string, value: unknown, detail: string): StatusCause => ({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${detail}`, field });

/**
 * The parts of ValidateObjectMeta every kind shares, with upstream's messages: label keys and
 * values (ValidateLabels), annotation keys and their total size (ValidateAnnotations:
 * `metadata.annotations: Too long: must have at most 262144 bytes`). Types are checked before this.
 */
export function objectMetaCauses(metadata: unknown): StatusCause[] {
  if (!metadata || typeof metadata !== 'object') return [];
  const { labels, annotations } = metadata as { labels?: Record<string, unknown>; annotations?: Record<string, unknown> };
  const causes: StatusCause[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of qualifiedNameErrors(k)) causes.push(invalid('metadata.labels', k, msg));
    if (typeof v !== 'string') continue;
    if (v.length > 63) causes.push(invalid('metadata.labels', v, 'must be no more than 63 characters'));
    if (!LABEL_VALUE.test(v)) causes.push(invalid('metadata.labels', v, LABEL_VALUE_MSG));
  }
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of qualifiedNameErrors(k.toLowerCase())) causes.push(invalid('metadata.annotations', k, msg));
    size += Buffer.byteLength(k, 'utf8') + (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) causes.push({ reason: 'FieldValueTooLong', message: `Too long: must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT_BYTES} bytes`, field: 'metadata.annotations' });
  return causes;
}
