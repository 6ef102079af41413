import type { Status } from '@kubesim/api';

/** The API server URL: `--server`, then KUBESIM_SERVER, then kubectl's default. */
export function serverUrl(flag?: string): string {
  return (flag ?? process.env.KUBESIM_SERVER ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
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
  constructor(
    readonly server: string,
    /** Who the apiserver records as the writer (`by: user:<first word>`). */
    readonly userAgent = 'kubesim/0.1',
  ) {}

  async request<T>(method: string, path: string, body?: unknown, contentType = 'application/json', accept = 'application/json'): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.server + path, {
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
