import { applyDefaults, groupVersionOf, isCustomKind, nameCauses, prune, resourceOfKind, validateAgainstSchema, type GenericObject, type Json, type KubeObject, type StructuralSchema } from '@kubesim/api';
import type { ClusterView } from '@kubesim/core';
import { badRequest, failure, invalidStatus, StatusError } from '../http/status';
import type { StrategyPlugin } from './admission';
import { objectMeta } from './object-strategy';

type Obj = Record<string, any>;

const crdOf = (view: ClusterView, name: string) => view.get({ kind: 'CustomResourceDefinition', namespace: '', name }) as Obj | undefined;

/**
 * apiextensions-apiserver's strategy of a custom resource: server-set metadata, then the storage
 * version's structural schema — defaults, pruning of unspecified fields, validation with upstream's
 * field causes (422). With a `status` subresource the main resource's writes keep the stored status.
 * No CEL rules (`x-kubernetes-validations`) are evaluated.
 */
export function admitCustom(kind: string, body: Obj, namespace: string, view: ClusterView, current: GenericObject | undefined, ctx: Parameters<StrategyPlugin['prepare']>[2]): GenericObject {
  const decl = resourceOfKind(kind)!;
  const custom = decl.custom!;
  if (body.kind && body.kind !== kind) throw badRequest(`the kind in the data (${body.kind}) does not match the expected kind (${kind})`);
  if (decl.namespaced && body.metadata?.namespace && body.metadata.namespace !== namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  const crd = crdOf(view, custom.crd);
  if (!current && crd?.metadata.deletionTimestamp) {
    throw new StatusError(failure(405, 'MethodNotAllowed', 'create not allowed while custom resource definition is terminating', { group: decl.group, kind: decl.plural }));
  }
  const hasStatus = (decl.subresources ?? []).includes('status');
  const { status, ...rest } = body;
  const metadata = objectMeta(body, decl.namespaced ? namespace : undefined, current, ctx);
  const given: Obj = { ...rest, apiVersion: groupVersionOf(decl), kind, metadata, ...(hasStatus ? (current?.status !== undefined ? { status: current.status } : {}) : status !== undefined ? { status } : {}) };
  const schema = custom.schema as StructuralSchema | undefined;
  const defaulted = applyDefaults(given as Json, schema);
  const { value } = prune(defaulted, schema);
  const name = typeof body.metadata?.name === 'string' ? body.metadata.name : '';
  const causes = [...nameCauses(body.metadata?.name, body.metadata?.generateName), ...validateAgainstSchema(value, schema)];
  if (causes.length) throw new StatusError(invalidStatus(kind, name, causes, decl.group));
  return value as unknown as GenericObject;
}

/** The strategy step of the admission chain for the kinds CustomResourceDefinitions serve. */
export const customResourceStrategy: StrategyPlugin = {
  name: 'CustomResourceStrategy',
  handles: isCustomKind,
  prepare: (a, view, ctx) => admitCustom(a.kind, a.object, a.namespace, view, a.old as GenericObject | undefined, ctx) as KubeObject,
};

/**
 * A `/status` write of a custom resource: the new status defaulted, pruned and validated with the
 * rest of the stored object against the schema (apiextensions' status strategy). Returns the status to store.
 */
export function admitCustomStatus(kind: string, current: GenericObject, status: unknown): Obj {
  const decl = resourceOfKind(kind)!;
  const schema = decl.custom?.schema as StructuralSchema | undefined;
  const { value } = prune(applyDefaults({ ...current, status } as unknown as Json, schema), schema);
  const causes = validateAgainstSchema(value, schema).filter((c) => c.field === 'status' || c.field.startsWith('status.') || c.field.startsWith('status['));
  if (causes.length) throw new StatusError(invalidStatus(kind, current.metadata.name, causes, decl.group));
  return ((value as Obj).status ?? {}) as Obj;
}
