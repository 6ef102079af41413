import type { Status, StatusCause } from '@kubesim/api';
import { DomainError, SelectorError, UnknownSchemaVersionError, type DomainErrorReason } from '@kubesim/core';
import { brokerFailure, type BrokerFailure } from '@kubesim/eventlog';

const CODES: Record<DomainErrorReason, number> = { NotFound: 404, AlreadyExists: 409, Conflict: 409, Invalid: 422, BadRequest: 400, Forbidden: 403 };

/** nats-server's default max_payload, the largest log record (kubesim's servers keep the default). */
export const NATS_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** An error that is already a Kubernetes Status. */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
}

export function failure(code: number, reason: string, message: string, details?: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

export const badRequest = (message: string) => new StatusError(failure(400, 'BadRequest', message));
export const notFoundPath = (path: string) => new StatusError(failure(404, 'NotFound', `the server could not find the requested resource`, { causes: [{ reason: 'UnexpectedServerResponse', message: `404 page not found: ${path}`, field: '' }] }));
export const methodNotAllowed = (verb: string, resource: string) =>
  new StatusError(failure(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${verb} ${resource})`));

/** 422 Invalid; the kind is qualified by its group as kube-apiserver writes it (`Deployment.apps "x" is invalid: …`). */
export function invalidStatus(kind: string, name: string, causes: StatusCause[], group?: string): Status {
  const list = causes.map((c) => `${c.field}: ${c.message}`);
  const message = `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${list.length === 1 ? list[0] : `[${list.join(', ')}]`}`;
  return failure(422, 'Invalid', message, { name, ...(group ? { group } : {}), kind, causes });
}

/** Any error → the Status a client sees. Unknown errors are 500 InternalError. */
export function toStatus(e: unknown): Status {
  if (e instanceof StatusError) return e.status;
  if (e instanceof DomainError) {
    if (e.reason === 'Invalid' && e.ref) return invalidStatus(e.ref.kind, e.ref.name, e.causes ?? [], e.ref.group);
    const details = e.ref ? { name: e.ref.name, ...(e.ref.group ? { group: e.ref.group } : {}), kind: e.ref.resource } : undefined;
    return failure(CODES[e.reason], e.reason, e.message, details);
  }
  if (e instanceof SelectorError) return failure(400, 'BadRequest', e.message);
  if (e instanceof UnknownSchemaVersionError) return failure(500, 'InternalError', e.message);
  const broker = brokerFailure(e);
  if (broker) return brokerStatus(broker);
  const message = e instanceof Error ? e.message : String(e);
  return failure(500, 'InternalError', `Internal error occurred: ${message}`);
}

/** The headers of a Status response: as kube-apiserver's responsewriters, a Status saying when to retry says it in Retry-After too. */
export const statusHeaders = (s: Status): Record<string, string> => (s.details?.retryAfterSeconds ? { 'Retry-After': String(s.details.retryAfterSeconds) } : {});

/**
 * The event log cannot take the write (no JetStream leader, no nats-server): 503 ServiceUnavailable
 * as apimachinery's NewServiceUnavailable, with a Retry-After client-go honours (it retries on its
 * own); no acknowledgement in time: 504 Timeout as NewTimeoutError, the outcome unknown.
 */
export function brokerStatus(f: BrokerFailure): Status {
  switch (f) {
    case 'unavailable':
      return failure(503, 'ServiceUnavailable', 'the server is currently unable to handle the request: the event log has no JetStream leader (nats-server down or electing one)', { retryAfterSeconds: 1 });
    case 'timeout':
      return failure(504, 'Timeout', 'Timeout: request did not complete within requested timeout - context deadline exceeded', { retryAfterSeconds: 1 });
    case 'too-large':
      // One object is one log record: what nats-server's max_payload cannot carry, etcd's request limit would refuse too.
      return failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${NATS_MAX_PAYLOAD_BYTES}`);
    default: {
      const _exhaustive: never = f;
      return _exhaustive;
    }
  }
}

/**
 * A resource kubesim does not serve (configmaps, secrets …): the 404 in client-go's words for one,
 * `… (post configmaps)`, so kubectl's line says which (`error: failed to create configmap: …`).
 */
export const unservedResource = (verb: string, resource: string, name?: string) =>
  new StatusError(failure(404, 'NotFound', `the server could not find the requested resource (${verb.toLowerCase()} ${resource}${name ? ` ${name}` : ''})`));
