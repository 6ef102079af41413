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
export function authMiddleware(authenticator: TokenAuthenticator | undefined, policy: () => RbacPolicy) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!authenticator) return next();
    const raw = req.originalUrl ?? req.url;
    const q = raw.indexOf('?');
    const pathname = q < 0 ? raw : raw.slice(0, q);
    const query = Object.fromEntries(new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)));
    const authn = authenticator.authenticate(req.headers.authorization);
    let user: UserInfo;
    switch (authn.kind) {
      case 'user':
        user = authn.user;
        break;
      case 'anonymous':
        if (!ANONYMOUS_PATHS.test(pathname)) return res.status(401).json(status(401, 'Unauthorized', 'Unauthorized'));
        user = ANONYMOUS;
        break;
      case 'invalid':
        return res.status(401).json(status(401, 'Unauthorized', 'Unauthorized'));
    }
    (req as Request & { kubesimUser?: UserInfo }).kubesimUser = user;
    const attrs = safeAttributes(req.method, pathname, query);
    const decision = authorize(policy(), user, attrs);
    if (decision.allowed) return next();
    const details = attrs.kind === 'resource' ? { ...(attrs.name ? { name: attrs.name } : {}), ...(attrs.apiGroup ? { group: attrs.apiGroup } : {}), kind: attrs.resource } : undefined;
    return res.status(403).json(status(403, 'Forbidden', forbiddenStatusMessage(user, attrs, decision.reason), details));
  };
}
