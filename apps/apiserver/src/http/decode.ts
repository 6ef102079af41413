import { objectMetaCauses, schemaNameOf, type StatusCause } from '@kubesim/api';
import { parsePatchBody } from './body';
import { decodeInPlace } from './openapi/decode-in-place';
import { applyPatch } from './patch';
import type { ResourceInfo } from './resources';
import { failure, invalidStatus, StatusError } from './status';

/** The body of `/scale` (kubectl scale). */
export const SCALE_SCHEMA = 'io.k8s.api.autoscaling.v1.Scale';

/** Kinds whose schema is their CRD's: admission checks those (custom-resource-strategy). */
const schemaOf = (info: ResourceInfo): string | undefined => (info.custom ? undefined : schemaNameOf(info));

const metaInvalid = (info: ResourceInfo, body: Record<string, any>, causes: StatusCause[]) =>
  new StatusError(invalidStatus(info.kind, String(body.metadata?.name ?? ''), causes, info.group || undefined));

/**
 * A POST or PUT body decoded into its kind, as kube-apiserver's decoder would: a value of the
 * wrong type (`ownerReferences: "x"`, `replicas: 2147483648`) is a 400 `Pod in version "v1"
 * cannot be handled as a Pod: json: cannot unmarshal …`; labels and annotations that no object
 * may carry are a 422 naming the field. Nothing of a refused body reaches admission or the log.
 */
export function checkBody(info: ResourceInfo, body: Record<string, any>, schema = schemaOf(info)): void {
  if (!schema) return;
  const err = decodeInPlace(body, schema);
  const version = info.groupVersion.split('/').pop();
  const kind = schema.split('.').pop();
  if (err) throw new StatusError(failure(400, 'BadRequest', `${kind} in version "${version}" cannot be handled as a ${kind}: ${err}`));
  const causes = objectMetaCauses(body.metadata);
  if (causes.length) throw metaInvalid(info, body, causes);
}

/**
 * A patched object decoded into its kind (jsonPatcher.applyPatchToCurrentObject): a value of the
 * wrong type is upstream's 422 `"" is invalid: patch: Invalid value: "<the patched object>": json:
 * cannot unmarshal …`; bad labels or annotations the kind's 422.
 */
export function checkPatched(info: ResourceInfo, patched: Record<string, any>, schema = schemaOf(info)): Record<string, any> {
  const invalidPatch = (err: string) => {
    const json = JSON.stringify(patched) ?? 'null';
    const cause: StatusCause = { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(json)}: ${err}`, field: 'patch' };
    return new StatusError(failure(422, 'Invalid', ` "" is invalid: patch: ${cause.message}`, { causes: [cause] }));
  };
  // A patch that replaces the whole object with a scalar, a list or null (`null` as a merge patch).
  if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) throw invalidPatch(`Object 'Kind' is missing in '${JSON.stringify(patched) ?? 'null'}'`);
  if (!schema) return patched;
  const err = decodeInPlace(patched, schema);
  if (err) throw invalidPatch(err);
  const causes = objectMetaCauses(patched.metadata);
  if (causes.length) throw metaInvalid(info, patched, causes);
  return patched;
}

/** A PATCH request against `target`: its body parsed (400), applied by its type (415, 400, 422), the result decoded as `schema` (422). */
export function patchRequest(info: ResourceInfo, contentType: string | undefined, target: unknown, raw: unknown, schema = schemaOf(info)): Record<string, any> {
  return patcher(info, contentType, raw, schema)(target);
}

/** A PATCH request's body parsed once (400), to be applied to the object as it is when the write is decided. */
export function patcher(info: ResourceInfo, contentType: string | undefined, raw: unknown, schema = schemaOf(info)): (target: unknown) => Record<string, any> {
  const patch = parsePatchBody(raw);
  return (target) => checkPatched(info, applyPatch(contentType, target, patch), schema);
}
