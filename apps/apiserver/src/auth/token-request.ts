import type { StatusCause } from '@kubesim/api';
import { failure, invalidStatus, StatusError } from '../http/status';
import type { ServiceAccountTokens } from './service-account-token';

type Obj = Record<string, any>;
/** kube-apiserver's default token lifetime when a TokenRequest asks for none. */
export const DEFAULT_TOKEN_SECONDS = 3600;

const invalid = (field: string, value: unknown, detail: string): StatusCause => ({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${detail}`, field });

/**
 * `POST …/serviceaccounts/NAME/token` (`kubectl create token NAME`): a signed token for an existing
 * ServiceAccount, never stored. Upstream's limits: at least 10 minutes, at most 2^32 seconds.
 */
export function tokenRequest(tokens: ServiceAccountTokens, sa: { metadata: { name: string; namespace?: string; uid?: string } } | undefined, namespace: string, name: string, body: Obj, nowMs: number) {
  if (!sa) throw new StatusError(failure(404, 'NotFound', `serviceaccounts "${name}" not found`, { name, kind: 'serviceaccounts' }));
  const spec: Obj = body.spec && typeof body.spec === 'object' ? body.spec : {};
  const requested = spec.expirationSeconds ?? DEFAULT_TOKEN_SECONDS;
  const causes: StatusCause[] = [];
  if (typeof requested !== 'number' || !Number.isInteger(requested)) causes.push(invalid('spec.expirationSeconds', requested, 'must be an integer'));
  else if (requested < 600) causes.push(invalid('spec.expirationSeconds', requested, 'may not specify a duration less than 10 minutes'));
  else if (requested > 2 ** 32) causes.push(invalid('spec.expirationSeconds', requested, 'may not specify a duration larger than 2^32 seconds'));
  const audiences = Array.isArray(spec.audiences) ? spec.audiences.filter((a: unknown): a is string => typeof a === 'string') : [];
  if (causes.length) throw new StatusError(invalidStatus('TokenRequest', name, causes, 'authentication.k8s.io'));
  const issued = tokens.issue({ namespace, name, uid: sa.metadata.uid ?? '' }, audiences, requested, nowMs);
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: null },
    spec: { audiences: audiences.length ? audiences : ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: requested, boundObjectRef: spec.boundObjectRef ?? null },
    status: { token: issued.token, expirationTimestamp: new Date(issued.expiresAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z') },
  };
}
