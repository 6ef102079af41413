import type { KubeObject } from '@kubesim/api';
import type { ClusterView } from '@kubesim/core';

/** The operations admission sees. (Deletes are not admitted in kubesim: nothing here refuses one.) */
export type Operation = 'CREATE' | 'UPDATE';

/**
 * One write, as admission plugins see it (apiserver `admission.Attributes`). `object` is the body
 * before the registry's strategy ran in the mutating phase, and the object to be stored (defaulted,
 * named) in the validating phase.
 */
export interface Attributes {
  readonly operation: Operation;
  /** `Pod`, `Service`, `ConfigMap` … */
  readonly kind: string;
  /** The plural resource (`pods`) and its group (`''` for core), as messages name them. */
  readonly resource: string;
  readonly group: string;
  /** `''` for cluster-scoped kinds. */
  readonly namespace: string;
  readonly object: Record<string, any>;
  /** The stored object, for an update. */
  readonly old?: KubeObject;
}

/** Identity and time the registry hands out, injected so that plugins stay pure. */
export interface AdmissionContext {
  now: number;
  uid(): string;
  /** Five characters for `generateName`. */
  suffix(): string;
}

/** A mutating plugin may change the object (it returns the new one) or refuse it (throws a StatusError). */
export interface MutatingPlugin {
  readonly name: string;
  admit(a: Attributes, view: ClusterView, ctx: AdmissionContext): Record<string, any>;
}

/** A validating plugin only accepts or refuses (throws a StatusError). */
export interface ValidatingPlugin {
  readonly name: string;
  validate(a: Attributes, view: ClusterView, ctx: AdmissionContext): void;
}

/**
 * The registry's strategy of a storage (PrepareForCreate/Update, name generation, Validate → 422),
 * which kube-apiserver runs between the mutating and the validating admission phases.
 */
export interface StrategyPlugin {
  readonly name: string;
  handles(kind: string): boolean;
  prepare(a: Attributes, view: ClusterView, ctx: AdmissionContext): KubeObject;
}

/** The name a refusal quotes (admission.NewForbidden): the object's name, else its generateName, else `Unknown`. */
export function nameOf(object: Record<string, any>): string {
  const m = object.metadata ?? {};
  return (typeof m.name === 'string' && m.name) || (typeof m.generateName === 'string' && m.generateName) || 'Unknown';
}

/** `pods`, `deployments.apps`. */
export const qualified = (a: Pick<Attributes, 'resource' | 'group'>) => (a.group ? `${a.resource}.${a.group}` : a.resource);
