import { authorize, forbiddenStatusMessage, type RbacPolicy, type RequestAttributes, type UserInfo } from '@kubesim/api';
import type { NextFunction, Request, Response } from 'express';
import { ANONYMOUS, type TokenAuthenticator, UNSECURED } from './authenticator';
import { requestAttributes } from './request-attributes';

/** The paths anonymous clients may reach (kube-apiserver's AnonymousAuthConfigurableEndpoints conditions). */
const ANONYMOUS_PATHS = /^\/(healthz|readyz|livez|version)(\/.*)?$/;

/** The user a request was authenticated as (set by the authentication middleware). */
export const userOf = (req: Request): UserInfo => (req as Request & { kubesimUser?: UserInfo }).kubesimUser ?? UNSECURED;

/** A path that does not decode (`%zz`) is judged as the non-resource path it is; its handler answers 4xx. */
function safeAttributes(method: string, pathname: string, query: Record<string, string>): RequestAttributes {
  try {
    return requestAttributes(method, pathname, query);
  } catch {
    return { kind: 'nonResource', verb: method.toLowerCase(), path: pathname };
  }
}

const status = (code: number, reason: string, message: string, details?: Record<string, unknown>) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  ...(details ? { details } : {}),
  code,
});

/**
 * Authentication then authorization, before any handler, as kube-apiserver's filter chain:
 * a bad or missing token outside the public paths is 401 `Unauthorized`; a request RBAC does not
 * allow is 403 with upstream's message. `authenticator` undefined: `--insecure`, everyone is
 * `system:unsecured` (allowed everything).
 */
export type AccessDecision = { allowed: true; user: UserInfo } | { allowed: false; code: 401 | 403; body: ReturnType<typeof status> };

/** The filter chain's verdict on one request: who it is, and whether RBAC lets it through. */
export function decideAccess(authenticator: TokenAuthenticator | undefined, policy: () => RbacPolicy, method: string, rawUrl: string, authorization: string | undefined): AccessDecision {
  if (!authenticator) return { allowed: true, user: UNSECURED };
  const q = rawUrl.indexOf('?');
  const pathname = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = Object.fromEntries(new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1)));
  const authn = authenticator.authenticate(authorization);
  let user: UserInfo;
  switch (authn.kind) {
    case 'user':
      user = authn.user;
      break;
    case 'anonymous':
      if (!ANONYMOUS_PATHS.test(pathname)) return { allowed: false, code: 401, body: status(401, 'Unauthorized', 'Unauthorized') };
      user = ANONYMOUS;
      break;
    case 'invalid':
      return { allowed: false, code: 401, body: status(401, 'Unauthorized', 'Unauthorized') };
  }
  const attrs = safeAttributes(method, pathname, query);
  const decision = authorize(policy(), user, attrs);
  if (decision.allowed) return { allowed: true, user };
  const details = attrs.kind === 'resource' ? { ...(attrs.name ? { name: attrs.name } : {}), ...(attrs.apiGroup ? { group: attrs.apiGroup } : {}), kind: attrs.resource } : undefined;
  return { allowed: false, code: 403, body: status(403, 'Forbidden', forbiddenStatusMessage(user, attrs, decision.reason), details) };
}

export function authMiddleware(authenticator: TokenAuthenticator | undefined, policy: () => RbacPolicy) {
  return (req: Request, res: Response, next: NextFunction) => {
    const d = decideAccess(authenticator, policy, req.method, req.originalUrl ?? req.url, req.headers.authorization);
    if (!d.allowed) return res.status(d.code).json(d.body);
    (req as Request & { kubesimUser?: UserInfo }).kubesimUser = d.user;
    return next();
  };
}
