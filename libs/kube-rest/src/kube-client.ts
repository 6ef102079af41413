import type { Status } from '@kubesim/api';
import { authFetch, loadKubeconfigAuth, type AuthFetch, type ClientAuth } from './auth/kubeconfig-credentials';

/** The API server URL: `--server`, then KUBESIM_SERVER, then the kubeconfig's, then kubectl's default. */
export function serverUrl(flag?: string, auth: ClientAuth = {}): string {
  return (flag || process.env.KUBESIM_SERVER || auth.server || 'http://127.0.0.1:8080').replace(/\/$/, '');
}

/**
 * A client as kubectl builds one: the kubeconfig's current context (`$KUBECONFIG`, else
 * `~/.kube/config`; or the file given) for the CA and credential, its server unless `--server` or
 * KUBESIM_SERVER says another.
 */
export function kubeClientFromConfig(serverFlag?: string, userAgent?: string, kubeconfig?: string): KubeClient {
  const auth = kubeconfig ? loadKubeconfigAuth([kubeconfig]) : loadKubeconfigAuth();
  return new KubeClient(serverUrl(serverFlag, auth), userAgent, auth);
}

/** A failed request, printed the way kubectl prints it. */
export class KubeError extends Error {
  constructor(readonly status: Status) {
    super(`Error from server (${status.reason}): ${status.message}`);
  }
}

export class ConnectionError extends Error {}

/** A small REST client for the Kubernetes API (fetch, JSON, Status errors). */
export class KubeClient {
  /** `fetch` with the CA and credential of the client (for streams: logs). */
  readonly fetch: AuthFetch;

  constructor(
    readonly server: string,
    /** Who the apiserver records as the writer (`by: user:<first word>`). */
    readonly userAgent = 'kubesim/0.1',
    auth: ClientAuth = {},
  ) {
    this.fetch = authFetch(auth);
  }

  async request<T>(method: string, path: string, body?: unknown, contentType = 'application/json', accept = 'application/json'): Promise<T> {
    let res: Response;
    try {
      res = await this.fetch(this.server + path, {
        method,
        headers: { 'content-type': contentType, accept, 'user-agent': this.userAgent },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    } catch (e) {
      const host = new URL(this.server).host;
      throw new ConnectionError(`The connection to the server ${host} was refused - did you specify the right host or port? (start a cluster with 'kubesim up')`);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const s = parsed as Status | undefined;
      if (s?.kind === 'Status') throw new KubeError(s);
      throw new KubeError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'InternalError', message: text || res.statusText, code: res.status });
    }
    return parsed as T;
  }

  get = <T>(path: string) => this.request<T>('GET', path);
  /** The server's meta.k8s.io/v1 Table, as kubectl asks for it. */
  getTable = <T>(path: string) => this.request<T>('GET', path, undefined, 'application/json', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json');
  post = <T>(path: string, body: unknown) => this.request<T>('POST', path, body);
  put = <T>(path: string, body: unknown) => this.request<T>('PUT', path, body);
  delete = <T>(path: string, body?: unknown) => this.request<T>('DELETE', path, body);
}
