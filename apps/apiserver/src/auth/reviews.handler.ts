import type { RbacPolicy } from '@kubesim/api';
import type { Express, Request, Response } from 'express';
import { parseBody } from '../http/body';
import { toStatus } from '../http/status';
import { userOf } from './auth.middleware';
import type { Projection } from '@kubesim/eventlog';
import type { ServiceAccountTokens } from './service-account-token';
import { tokenRequest } from './token-request';
import { selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview } from './reviews';

const ROUTES = {
  '/apis/authentication.k8s.io/v1/selfsubjectreviews': (_p: RbacPolicy, u, b) => selfSubjectReview(u, b),
  '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews': selfSubjectAccessReview,
  '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews': selfSubjectRulesReview,
} satisfies Record<string, (p: RbacPolicy, u: ReturnType<typeof userOf>, b: Record<string, any>) => unknown>;

/** `kubectl create token SA`: TokenRequest, the `token` subresource of a ServiceAccount (secure clusters only). */
export function serveTokenRequests(app: Express, tokens: ServiceAccountTokens, cluster: Projection, now: () => number): void {
  app.post('/api/v1/namespaces/:namespace/serviceaccounts/:name/token', (req: Request, res: Response) => {
    try {
      const { namespace, name } = req.params as { namespace: string; name: string };
      const sa = cluster.store.get({ kind: 'ServiceAccount', namespace, name }) as unknown as Parameters<typeof tokenRequest>[1];
      res.status(201).json(tokenRequest(tokens, sa, namespace, name, parseBody(req.body, req.headers['content-type']), now()));
    } catch (e) {
      const s = toStatus(e);
      res.status(s.code ?? 500).json(s);
    }
  });
}

/** The self reviews (create-only, never stored), served before the resource routes. */
export function serveReviews(app: Express, policy: () => RbacPolicy): void {
  for (const [path, review] of Object.entries(ROUTES)) {
    app.post(path, (req: Request, res: Response) => {
      try {
        res.status(201).json(review(policy(), userOf(req), parseBody(req.body, req.headers['content-type'])));
      } catch (e) {
        const s = toStatus(e);
        res.status(s.code ?? 500).json(s);
      }
    });
  }
}
