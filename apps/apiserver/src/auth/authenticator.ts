import { statSync, readFileSync } from 'node:fs';
import { SYSTEM_AUTHENTICATED, type UserInfo } from '@kubesim/api';
import { parseTokenFile } from './token-file';
import type { ServiceAccountTokens } from './service-account-token';

/** How ServiceAccount tokens are checked: the signing key and the accounts that exist (their uid). */
export interface ServiceAccountAuthentication {
  tokens: ServiceAccountTokens;
  uidOf(namespace: string, name: string): string | undefined;
  now(): number;
}

/** The user of a request without credentials (kube-apiserver's anonymous authenticator). */
export const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** Who `--insecure` requests are: the old insecure port's user, allowed everything. */
export const UNSECURED: UserInfo = { username: 'system:unsecured', groups: ['system:masters', SYSTEM_AUTHENTICATED] };

export type Authentication = { kind: 'user'; user: UserInfo } | { kind: 'anonymous' } | { kind: 'invalid' };

/**
 * Bearer tokens of a static token file (kube-apiserver's `--token-auth-file`). The file is read
 * again when it changes, so a token added to it works without a restart (kube-apiserver needs one).
 */
export class TokenAuthenticator {
  private tokens = new Map<string, UserInfo>();
  private mtimeMs = -1;

  constructor(
    private readonly file: string,
    private readonly serviceAccounts?: ServiceAccountAuthentication,
  ) {}

  authenticate(authorization: string | undefined): Authentication {
    if (!authorization) return { kind: 'anonymous' };
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!m) return { kind: 'invalid' };
    const user = this.current().get(m[1]) ?? this.serviceAccount(m[1]);
    if (!user) return { kind: 'invalid' };
    return { kind: 'user', user: { ...user, groups: user.groups.includes(SYSTEM_AUTHENTICATED) ? user.groups : [...user.groups, SYSTEM_AUTHENTICATED] } };
  }

  /** A TokenRequest token of an account that still exists (same uid): `system:serviceaccount:NS:NAME`. */
  private serviceAccount(token: string): UserInfo | undefined {
    const sa = this.serviceAccounts;
    const c = sa?.tokens.verify(token, sa.now());
    if (!sa || !c || sa.uidOf(c.namespace, c.name) !== c.uid) return undefined;
    return { username: `system:serviceaccount:${c.namespace}:${c.name}`, uid: c.uid, groups: ['system:serviceaccounts', `system:serviceaccounts:${c.namespace}`] };
  }

  private current(): Map<string, UserInfo> {
    let mtime: number;
    try {
      mtime = statSync(this.file).mtimeMs;
    } catch {
      return this.tokens;
    }
    if (mtime !== this.mtimeMs) {
      try {
        this.tokens = parseTokenFile(readFileSync(this.file, 'utf8'));
        this.mtimeMs = mtime;
      } catch {
        // A half-written file: keep the tokens read last, try again on the next request.
      }
    }
    return this.tokens;
  }
}
