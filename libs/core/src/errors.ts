import type { StatusCause } from '@kubesim/api';

/** Why a command was refused; the apiserver turns each into a Kubernetes Status. */
export type DomainErrorReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'BadRequest' | 'Forbidden';

export interface ResourceRef {
  /** Plural resource, as in `pods "x" not found`. */
  resource: string;
  /** Kind, as in `Pod "x" is invalid`. */
  kind: string;
  name: string;
  group?: string;
}

export class DomainError extends Error {
  constructor(
    readonly reason: DomainErrorReason,
    message: string,
    readonly ref?: ResourceRef,
    readonly causes?: StatusCause[],
  ) {
    super(message);
  }
}

const qualified = (r: ResourceRef) => (r.group ? `${r.resource}.${r.group}` : r.resource);

export const notFound = (r: ResourceRef) => new DomainError('NotFound', `${qualified(r)} "${r.name}" not found`, r);
export const alreadyExists = (r: ResourceRef) => new DomainError('AlreadyExists', `${qualified(r)} "${r.name}" already exists`, r);
export const conflict = (r: ResourceRef, why = 'the object has been modified; please apply your changes to the latest version and try again') =>
  new DomainError('Conflict', `Operation cannot be fulfilled on ${qualified(r)} "${r.name}": ${why}`, r);
/** An admission plugin's refusal (`admission.NewForbidden`): 403 `<resource> "<name>" is forbidden: <why>`. */
export const forbidden = (r: ResourceRef, why: string) => new DomainError('Forbidden', `${qualified(r)} "${r.name}" is forbidden: ${why}`, r);
export const invalid = (r: ResourceRef, causes: StatusCause[]) =>
  new DomainError('Invalid', `${r.kind} "${r.name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`, r, causes);

export const POD = (name: string): ResourceRef => ({ resource: 'pods', kind: 'Pod', name });
export const NODE = (name: string): ResourceRef => ({ resource: 'nodes', kind: 'Node', name });
export const NAMESPACE = (name: string): ResourceRef => ({ resource: 'namespaces', kind: 'Namespace', name });
export const EVENT = (name: string): ResourceRef => ({ resource: 'events', kind: 'Event', name });
