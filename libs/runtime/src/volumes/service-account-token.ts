import { createHash } from 'node:crypto';
import type { Pod } from '@kubesim/api';

export interface ServiceAccountTokenProjection {
  path: string;
  expirationSeconds?: number;
  audience?: string;
}

/** The issuer kube-apiserver puts in bound tokens by default (`--service-account-issuer`). */
export const TOKEN_ISSUER = 'https://kubernetes.default.svc.cluster.local';

const b64url = (s: string) => Buffer.from(s).toString('base64url');

/**
 * A bound service-account token as the TokenRequest API returns it: a JWT whose claims are those of
 * kube-apiserver (`aud`, `exp`, `iat`, `iss`, `kubernetes.io` with namespace, pod, node and
 * serviceaccount, `nbf`, `sub`). kubesim checks no token, so the signature is a digest, not ES256.
 */
export function serviceAccountToken(pod: Pod, sa: { metadata: { name: string; uid: string } }, src: ServiceAccountTokenProjection, issuedAt: number, node: { name: string; uid?: string }): string {
  const iat = Math.floor(issuedAt / 1000);
  const claims = {
    aud: [src.audience || TOKEN_ISSUER],
    exp: iat + (src.expirationSeconds ?? 3600),
    iat,
    iss: TOKEN_ISSUER,
    jti: createHash('sha256').update(`${pod.metadata.uid}/${src.path}/${iat}`).digest('hex').slice(0, 36),
    'kubernetes.io': {
      namespace: pod.metadata.namespace,
      node: { name: node.name, uid: node.uid ?? '' },
      pod: { name: pod.metadata.name, uid: pod.metadata.uid },
      serviceaccount: { name: sa.metadata.name, uid: sa.metadata.uid },
    },
    nbf: iat,
    sub: `system:serviceaccount:${pod.metadata.namespace}:${sa.metadata.name}`,
  };
  const unsigned = `${b64url(JSON.stringify({ alg: 'RS256', kid: 'kubesim' }))}.${b64url(JSON.stringify(claims))}`;
  return `${unsigned}.${createHash('sha256').update(unsigned).digest('base64url')}`;
}

/** The kubelet's token manager refreshes a token once 80 % of its life has passed. */
export const tokenNeedsRefresh = (issuedAt: number, expirationSeconds: number, now: number) => now - issuedAt >= 0.8 * expirationSeconds * 1000;
