import { applyPatch as applyJsonPatch, JsonPatchError, type Operation } from 'fast-json-patch';
import { parse as parseContentType } from 'content-type';
import { badRequest, failure, StatusError } from './status';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `__proto__` as a key would set the merged object's prototype instead of a field: never a Kubernetes field. */
function refuseProtoKey(k: string) {
  if (k === '__proto__') throw badRequest('the patch has a field named "__proto__", which kubesim does not patch');
}

/** RFC 7386 JSON merge patch: objects merge, `null` deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    refuseProtoKey(k);
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** List fields whose items merge by a key in a strategic merge patch (Kubernetes' patchMergeKey). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  ports: 'containerPort',
  volumes: 'name',
  volumeMounts: 'mountPath',
  conditions: 'type',
  ownerReferences: 'uid',
  imagePullSecrets: 'name',
};

/**
 * Strategic merge patch, the parts kubectl uses: maps merge; lists of containers, env, ports,
 * volumes … merge by their key; `$patch: delete` removes a keyed item; `$retainKeys` and
 * `$setElementOrder` directives are dropped; other lists replace.
 */
export function strategicMergePatch(target: unknown, patch: unknown, field = ''): unknown {
  if (Array.isArray(patch)) {
    const key = MERGE_KEYS[field];
    if (!key || !Array.isArray(target)) return patch.filter((p) => !(isObject(p) && p.$patch === 'delete'));
    const out: unknown[] = [...target];
    for (const p of patch) {
      if (!isObject(p)) continue;
      const i = out.findIndex((t) => isObject(t) && t[key] === p[key]);
      if (p.$patch === 'delete') {
        if (i >= 0) out.splice(i, 1);
      } else if (i >= 0) out[i] = strategicMergePatch(out[i], p);
      else out.push(strategicMergePatch(undefined, p));
    }
    return out;
  }
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') || k === '$retainKeys' || k === '$patch') continue;
    refuseProtoKey(k);
    if (v === null) delete out[k];
    else out[k] = strategicMergePatch(out[k], v, k);
  }
  return out;
}

const UNSAFE_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
const pointer = (p: string) => p.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
const invalid = (message: string) => new StatusError(failure(422, 'Invalid', message));

/**
 * RFC 6902 JSON patch (add, remove, replace, move, copy, test), applied by fast-json-patch to a
 * copy of the object. A malformed patch is a 400 (as kube-apiserver's DecodePatch), one that does
 * not apply a 422; a path through `__proto__`, `constructor` or `prototype` is refused before
 * anything is applied, so no prototype is ever reached.
 */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest('json patch must be a list of operations');
  ops.forEach((op, i) => {
    if (typeof op !== 'object' || op === null || Array.isArray(op)) throw badRequest(`json patch operation ${i} must be an object`);
    for (const key of ['path', 'from'] as const) {
      const p = (op as Record<string, unknown>)[key];
      if (p === undefined && key === 'from') continue;
      if (typeof p !== 'string' || (p !== '' && !p.startsWith('/'))) throw badRequest(`json patch operation ${i}: ${key} must be a JSON pointer ("/spec/replicas")`);
      const unsafe = pointer(p).find((s) => UNSAFE_SEGMENTS.has(s));
      if (unsafe) throw invalid(`jsonpatch ${String((op as { op?: unknown }).op)} operation does not apply: ${key} ${p} has the segment "${unsafe}", which kubesim does not patch`);
    }
    // RFC 6902 §4.4: a value cannot move into itself (it would become a circular structure).
    const { op: name, from, path } = op as { op?: unknown; from?: string; path: string };
    if (name === 'move' && typeof from === 'string' && path !== from && path.startsWith(`${from}/`)) {
      throw invalid(`jsonpatch move operation does not apply: "from" (${from}) is a proper prefix of "path" (${path})`);
    }
  });
  try {
    return applyJsonPatch(structuredClone(target) as object, ops as Operation[], true, true, true).newDocument;
  } catch (e) {
    if (!(e instanceof JsonPatchError)) throw e;
    const op = (e.operation ?? {}) as { op?: string; path?: string; from?: string };
    switch (e.name) {
      case 'TEST_OPERATION_FAILED':
        throw invalid(`jsonpatch test operation does not apply: ${op.path}`);
      case 'OPERATION_PATH_UNRESOLVABLE':
        throw invalid(op.op === 'replace' ? `jsonpatch replace operation does not apply: doc is missing key: ${op.path}` : `jsonpatch ${op.op} operation does not apply: doc is missing path: ${op.path}`);
      case 'OPERATION_FROM_UNRESOLVABLE':
        throw invalid(`jsonpatch ${op.op} operation does not apply: doc is missing from path: ${op.from}`);
      case 'OPERATION_PATH_CANNOT_ADD':
      case 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX':
      case 'OPERATION_VALUE_OUT_OF_BOUNDS':
        throw invalid(`jsonpatch ${op.op} operation does not apply: ${op.path}: ${e.message.split('\n')[0]}`);
      default:
        // The patch itself is malformed: an unknown op, a missing value or from.
        throw badRequest(`invalid json patch: ${e.message.split('\n')[0]}`);
    }
  }
}

/** Applies a PATCH body by its content type, as kube-apiserver does. */
export function applyPatch(contentType: string | undefined, target: unknown, patch: unknown): Record<string, any> {
  let type = '';
  try {
    type = contentType ? parseContentType(contentType).type : '';
  } catch {
    // A malformed Content-Type is an unknown format: the 415 below.
  }
  switch (type) {
    case 'application/merge-patch+json':
      return mergePatch(target, patch) as Record<string, any>;
    case 'application/strategic-merge-patch+json':
      return strategicMergePatch(target, patch) as Record<string, any>;
    case 'application/json-patch+json':
      return jsonPatch(target, patch) as Record<string, any>;
    default:
      throw new StatusError(
        failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`),
      );
  }
}
