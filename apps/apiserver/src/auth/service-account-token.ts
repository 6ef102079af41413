import { createPrivateKey, createPublicKey, randomUUID, sign, verify, type KeyObject } from 'node:crypto';

/** The issuer kube-apiserver puts in bound tokens by default (`--service-account-issuer`). */
export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';

export interface ServiceAccountClaims {
  namespace: string;
  name: string;
  uid: string;
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/**
 * ServiceAccount tokens as the TokenRequest API issues them: RS256 JWTs with kube-apiserver's
 * claims (`aud`, `exp`, `iat`, `iss`, `jti`, `kubernetes.io`, `nbf`, `sub`), signed with the
 * cluster's `pki/sa.key`, checked by the authenticator.
 */
export class ServiceAccountTokens {
  private readonly key: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(privateKeyPem: string) {
    this.key = createPrivateKey(privateKeyPem);
    this.publicKey = createPublicKey(this.key);
  }

  issue(sa: ServiceAccountClaims, audiences: string[], expirationSeconds: number, nowMs: number): { token: string; expiresAtMs: number } {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + expirationSeconds;
    const claims = {
      aud: audiences.length ? audiences : [SERVICE_ACCOUNT_ISSUER],
      exp,
      iat,
      iss: SERVICE_ACCOUNT_ISSUER,
      jti: randomUUID(),
      'kubernetes.io': { namespace: sa.namespace, serviceaccount: { name: sa.name, uid: sa.uid } },
      nbf: iat,
      sub: `system:serviceaccount:${sa.namespace}:${sa.name}`,
    };
    const unsigned = `${b64url({ alg: 'RS256', kid: 'kubesim' })}.${b64url(claims)}`;
    return { token: `${unsigned}.${sign('sha256', Buffer.from(unsigned), this.key).toString('base64url')}`, expiresAtMs: exp * 1000 };
  }

  /** The ServiceAccount a token names, when its signature is ours, its issuer kube-apiserver's and it has not expired. */
  verify(token: string, nowMs: number): ServiceAccountClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts;
    try {
      if (!verify('sha256', Buffer.from(`${header}.${payload}`), this.publicKey, Buffer.from(signature, 'base64url'))) return undefined;
      const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      const now = Math.floor(nowMs / 1000);
      if (c.iss !== SERVICE_ACCOUNT_ISSUER || typeof c.exp !== 'number' || c.exp < now || (typeof c.nbf === 'number' && c.nbf > now + 60)) return undefined;
      const k = c['kubernetes.io'];
      if (typeof k?.namespace !== 'string' || typeof k?.serviceaccount?.name !== 'string') return undefined;
      return { namespace: k.namespace, name: k.serviceaccount.name, uid: String(k.serviceaccount.uid ?? '') };
    } catch {
      return undefined;
    }
  }
}
