import { applyConfig, ApplyConflictError, builtinShape, conversionOf, creationBase, managedTime, schemaShape, type KubeObject } from '@kubesim/api';
import { parse as parseYaml } from 'yaml';
import type { Writer } from '../commands/command-bus';
import { mediaType } from './body';
import type { ResourceHandler, ResourceRequest } from './handlers';
import { isTrue } from './query-flag';
import type { Reply } from './read-output';
import type { ResourceInfo } from './resources';
import { badRequest, failure, methodNotAllowed, StatusError } from './status';

/** The PATCH types of a server-side apply (`kubectl apply --server-side`, client-go's Apply). */
const APPLY_TYPES = new Set(['application/apply-patch+yaml', 'application/apply-patch+json']);
export const isApplyPatch = (contentType: string | undefined): boolean => APPLY_TYPES.has(mediaType(contentType));

function parseConfig(raw: unknown): Record<string, any> {
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : JSON.stringify(raw ?? null);
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (e) {
    throw badRequest(`error decoding YAML: ${(e as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('the body of the request must be an object');
  return value as Record<string, any>;
}

/** The applied configuration must name the object the URL names (upstream's checks, same messages). */
function checkIdentity(config: Record<string, any>, r: ResourceRequest, name: string) {
  const meta = config.metadata ?? {};
  if (meta.name !== undefined && meta.name !== name) throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
  if (r.info.namespaced && meta.namespace !== undefined && meta.namespace !== r.namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  if (config.kind !== undefined && config.kind !== r.info.kind) throw badRequest(`the kind of the object (${config.kind}) does not match the kind of the resource (${r.info.kind})`);
}

const shapeOf = (info: ResourceInfo) => (info.custom ? schemaShape(info.kind, info.custom.schema) : builtinShape(info.kind));

/**
 * A server-side apply (PATCH `application/apply-patch+yaml`) of `name`, or of its status: the
 * configuration merged by field ownership (managed-fields library), a conflict as upstream's 409,
 * `?force=true` taking the fields over; an absent object is created. The merged object is then
 * written as a PUT (or a create) would be, through the same admission, with the apply's
 * managedFields.
 */
export async function serverSideApply(r: ResourceRequest, handler: ResourceHandler, name: string, current: KubeObject | undefined, subresource?: 'status'): Promise<Reply> {
  const manager = r.req.query.fieldManager;
  if (typeof manager !== 'string' || manager === '') throw badRequest('fieldManager is required for apply requests');
  const write = subresource ? handler.applyStatus : handler.apply;
  if (!write) throw methodNotAllowed('PATCH', subresource ? `${r.info.resource}/${subresource}` : r.info.resource);
  const config = parseConfig(r.req.body);
  checkIdentity(config, r, name);
  const conv = conversionOf(r.info);
  const live = current && conv ? (conv.fromStored(current) as KubeObject) : current;
  const identity = { name, ...(r.info.namespaced ? { namespace: r.namespace } : {}) };
  const given = { apiVersion: r.info.groupVersion, kind: r.info.kind, ...config, metadata: { ...config.metadata, ...identity } };
  const op = { manager, operation: 'Apply' as const, apiVersion: r.info.groupVersion, ...(subresource ? { subresource } : {}), time: managedTime(Date.now()) };
  const scope = { subresource, statusSubresource: (r.info.subresources ?? []).includes('status') };
  let applied;
  try {
    applied = applyConfig(live as never, given, shapeOf(r.info), op, scope, isTrue(r.req.query.force), live ? undefined : creationBase(given, !r.info.custom));
  } catch (e) {
    if (!(e instanceof ApplyConflictError)) throw e;
    throw new StatusError(failure(409, 'Conflict', e.message, { causes: e.conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${c.manager}`, field: c.path })) }));
  }
  const { managedFields: _m, resourceVersion: _rv, ...metadata } = (applied.object.metadata ?? {}) as Record<string, unknown>;
  const rv = config.metadata?.resourceVersion;
  const object = { ...applied.object, metadata: { ...metadata, ...(rv ? { resourceVersion: rv } : {}) } };
  const who: Writer = { by: r.by, fields: { type: 'applied', managedFields: applied.managedFields, key: { kind: r.info.kind, namespace: r.namespace, name } } };
  return write(r, current, object, who);
}
