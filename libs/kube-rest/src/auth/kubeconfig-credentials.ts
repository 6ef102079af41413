import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { Agent, fetch as undiciFetch } from 'undici';

/** What a client needs to reach an apiserver as kubectl would: its URL, the CA and a credential. */
export interface ClientAuth {
  server?: string;
  /** PEM of the CA (kubeconfig `certificate-authority-data` or `certificate-authority`). */
  ca?: string;
  token?: string;
  /** Client certificate and key (PEM). */
  cert?: string;
  key?: string;
  insecureSkipTlsVerify?: boolean;
}

/** kubectl's kubeconfig files: every path of `$KUBECONFIG`, else `~/.kube/config`. */
export function kubeconfigPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter(Boolean);
  return [join(env.HOME || homedir(), '.kube', 'config')];
}

type Named<T> = { name: string } & T;
interface KubeconfigFile {
  clusters?: Named<{ cluster?: Record<string, any> }>[];
  users?: Named<{ user?: Record<string, any> }>[];
  contexts?: Named<{ context?: { cluster?: string; user?: string; namespace?: string } }>[];
  'current-context'?: string;
}

const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

/**
 * The current context's server and credentials, as kubectl merges its kubeconfig files (the first
 * file to set `current-context`, the first to define a name wins). Nothing usable: `{}`.
 */
export function loadKubeconfigAuth(paths = kubeconfigPaths()): ClientAuth {
  const files = paths.filter((p) => existsSync(p)).flatMap((p) => {
    try {
      return [{ dir: resolve(p, '..'), doc: (parse(readFileSync(p, 'utf8')) ?? {}) as KubeconfigFile }];
    } catch {
      return [];
    }
  });
  const current = files.map((f) => f.doc['current-context']).find(Boolean);
  if (!current) return {};
  const find = <K extends 'clusters' | 'users' | 'contexts'>(k: K, name?: string) => {
    for (const f of files) {
      const hit = (f.doc[k] as Named<any>[] | undefined)?.find((e) => e?.name === name);
      if (hit) return { dir: f.dir, entry: hit };
    }
    return undefined;
  };
  const ctx = find('contexts', current)?.entry.context ?? {};
  const cl = find('clusters', ctx.cluster);
  const us = find('users', ctx.user);
  const c = cl?.entry.cluster ?? {};
  const u = us?.entry.user ?? {};
  const file = (dir: string | undefined, p: string | undefined) => (p && dir ? readFileSync(resolve(dir, p), 'utf8') : undefined);
  return {
    ...(c.server ? { server: String(c.server).replace(/\/$/, '') } : {}),
    ca: c['certificate-authority-data'] ? b64(c['certificate-authority-data']) : file(cl?.dir, c['certificate-authority']),
    token: u.token ?? (u.tokenFile ? file(us?.dir, u.tokenFile)?.trim() : undefined),
    cert: u['client-certificate-data'] ? b64(u['client-certificate-data']) : file(us?.dir, u['client-certificate']),
    key: u['client-key-data'] ? b64(u['client-key-data']) : file(us?.dir, u['client-key']),
    ...(c['insecure-skip-tls-verify'] ? { insecureSkipTlsVerify: true } : {}),
  };
}

export type AuthFetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array; signal?: AbortSignal }) => Promise<Response>;

/** `fetch` that trusts the kubeconfig's CA and sends its credential (a bearer token, a client certificate). */
export function authFetch(auth: ClientAuth): AuthFetch {
  const dispatcher = auth.ca || auth.cert || auth.insecureSkipTlsVerify ? new Agent({ connect: { ca: auth.ca, cert: auth.cert, key: auth.key, rejectUnauthorized: !auth.insecureSkipTlsVerify } }) : undefined;
  return (url, init = {}) =>
    undiciFetch(url, {
      ...init,
      headers: { ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}), ...(init.headers ?? {}) },
      ...(dispatcher ? { dispatcher } : {}),
    } as any) as unknown as Promise<Response>;
}
