import type { RbacPolicy } from '@kubesim/api';
import type { Express, Request, Response } from 'express';
import { parseBody } from '../http/body';
import { toStatus } from '../http/status';
import { userOf } from './auth.middleware';
import { selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview } from './reviews';

const ROUTES = {
  '/apis/authentication.k8s.io/v1/selfsubjectreviews': (_p: RbacPolicy, u, b) => selfSubjectReview(u, b),
  '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews': selfSubjectAccessReview,
  '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews': selfSubjectRulesReview,
} satisfies Record<string, (p: RbacPolicy, u: ReturnType<typeof userOf>, b: Record<string, any>) => unknown>;

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
