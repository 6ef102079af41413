import { badRequest, failure, StatusError } from './status';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON merge patch: objects merge, `null` deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
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
    if (v === null) delete out[k];
    else out[k] = strategicMergePatch(out[k], v, k);
  }
  return out;
}

interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'test' | 'move' | 'copy';
  path: string;
  value?: unknown;
  from?: string;
}

const pointer = (p: string) => p.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** RFC 6902 JSON patch (add, remove, replace, test). */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest('json patch must be a list of operations');
  const doc = structuredClone(target) as Record<string, unknown>;
  for (const op of ops as JsonPatchOp[]) {
    const parts = pointer(op.path);
    const last = parts.pop()!;
    let parent: any = doc;
    for (const p of parts) {
      if (parent?.[p] === undefined) throw new StatusError(failure(422, 'Invalid', `jsonpatch: path ${op.path} does not exist`));
      parent = parent[p];
    }
    switch (op.op) {
      case 'add':
        if (Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, op.value);
        else parent[last] = op.value;
        break;
      case 'replace':
        if (parent[last] === undefined) throw new StatusError(failure(422, 'Invalid', `jsonpatch replace operation does not apply: doc is missing key: ${op.path}`));
        parent[last] = op.value;
        break;
      case 'remove':
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
        break;
      case 'test':
        if (JSON.stringify(parent[last]) !== JSON.stringify(op.value)) throw new StatusError(failure(422, 'Invalid', `jsonpatch test operation does not apply: ${op.path}`));
        break;
      default:
        throw badRequest(`json patch operation ${String(op.op)} is not supported`);
    }
  }
  return doc;
}

/** Applies a PATCH body by its content type, as kube-apiserver does. */
export function applyPatch(contentType: string | undefined, target: unknown, patch: unknown): Record<string, any> {
  const type = (contentType ?? '').split(';')[0].trim();
  switch (type) {
    case 'application/merge-patch+json':
      return mergePatch(target, patch) as Record<string, any>;
    case 'application/strategic-merge-patch+json':
      return strategicMergePatch(target, patch) as Record<string, any>;
    case 'application/json-patch+json':
      return jsonPatch(target, patch) as Record<string, any>;
    default:
      throw new StatusError(
        failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`),
      );
  }
}
