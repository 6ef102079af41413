import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES, type RbacPolicy } from '@kubesim/api';
import type { Request, Response } from 'express';
import { authMiddleware, userOf } from './auth.middleware';
import { TokenAuthenticator } from './authenticator';

const policy: RbacPolicy = {
  clusterRoles: () => BOOTSTRAP_CLUSTER_ROLES,
  clusterRole: (n) => BOOTSTRAP_CLUSTER_ROLES.find((r) => r.metadata.name === n),
  role: () => undefined,
  clusterRoleBindings: () => BOOTSTRAP_CLUSTER_ROLE_BINDINGS,
  roleBindings: () => [],
};

function call(mw: ReturnType<typeof authMiddleware>, method: string, url: string, authorization?: string) {
  const req = { method, url, originalUrl: url, headers: authorization ? { authorization } : {} } as unknown as Request;
  const out: { code?: number; body?: any; next: boolean } = { next: false };
  const res = { status: (c: number) => ((out.code = c), res), json: (b: unknown) => ((out.body = b), res) } as unknown as Response;
  mw(req, res, () => (out.next = true));
  return { ...out, user: userOf(req) };
}

describe('the authentication and authorization filter', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'kubesim-auth-')), 'tokens.csv');
  writeFileSync(file, 'admin-t,kubernetes-admin,,"system:masters"\nalice-t,alice,a-1\n');
  const mw = authMiddleware(new TokenAuthenticator(file), () => policy);

  it('no token: 401 Unauthorized, except the public health and version paths', () => {
    expect(call(mw, 'GET', '/api/v1/pods')).toMatchObject({ code: 401, next: false, body: { kind: 'Status', reason: 'Unauthorized', message: 'Unauthorized', code: 401 } });
    for (const p of ['/healthz', '/readyz?verbose', '/livez', '/version']) expect(call(mw, 'GET', p)).toMatchObject({ next: true, user: { username: 'system:anonymous' } });
    // Authenticated as anonymous, but system:public-info-viewer names the paths exactly.
    expect(call(mw, 'GET', '/livez/ping')).toMatchObject({ code: 403, body: { message: 'forbidden: User "system:anonymous" cannot get path "/livez/ping"' } });
  });

  it('an unknown token or a non-bearer header: 401', () => {
    expect(call(mw, 'GET', '/api/v1/pods', 'Bearer nope').code).toBe(401);
    expect(call(mw, 'GET', '/api/v1/pods', 'Basic YTpi').code).toBe(401);
  });

  it('a known token: the user with system:authenticated, then RBAC', () => {
    expect(call(mw, 'DELETE', '/api/v1/nodes/node-1', 'Bearer admin-t')).toMatchObject({ next: true, user: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] } });
    const refused = call(mw, 'DELETE', '/api/v1/nodes/node-1', 'Bearer alice-t');
    expect(refused).toMatchObject({ code: 403, next: false });
    expect(refused.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'nodes "node-1" is forbidden: User "alice" cannot delete resource "nodes" in API group "" at the cluster scope',
      reason: 'Forbidden',
      details: { name: 'node-1', kind: 'nodes' },
      code: 403,
    });
    expect(call(mw, 'GET', '/apis', 'Bearer alice-t').next).toBe(true); // system:discovery
  });

  it('a path that does not decode is judged as a non-resource path, not thrown: the admin passes on to the handler, a delete of it by others is 403', () => {
    expect(call(mw, 'GET', '/api/v1/namespaces/%zz/pods', 'Bearer admin-t').next).toBe(true);
    expect(call(mw, 'DELETE', '/api/v1/namespaces/%zz/pods', 'Bearer alice-t').body.message).toBe('forbidden: User "alice" cannot delete path "/api/v1/namespaces/%zz/pods"');
    expect(call(mw, 'GET', '//evil/healthz').code).toBe(401);
  });

    it('--insecure (no authenticator): everything passes as system:unsecured', () => {
    expect(call(authMiddleware(undefined, () => policy), 'DELETE', '/api/v1/nodes/x')).toMatchObject({ next: true, user: { username: 'system:unsecured' } });
  });
});
