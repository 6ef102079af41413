import type { Status } from '@kubesim/api';
import { ConnectionError, KubeError, type KubeClient } from '@kubesim/kube-rest';

export interface LogsOptions {
  namespace: string;
  container?: string;
  previous?: boolean;
  follow?: boolean;
  timestamps?: boolean;
  tail?: number;
}

/** `kubesim logs POD [-c C] [-p] [-f]`: the pod's `log` subresource, streamed to `write` as it arrives. */
export async function logsCommand(client: KubeClient, pod: string, o: LogsOptions, write: (s: string) => void): Promise<void> {
  const q = new URLSearchParams();
  if (o.container) q.set('container', o.container);
  if (o.previous) q.set('previous', 'true');
  if (o.follow) q.set('follow', 'true');
  if (o.timestamps) q.set('timestamps', 'true');
  if (o.tail !== undefined && o.tail >= 0) q.set('tailLines', String(o.tail));
  const url = `${client.server}/api/v1/namespaces/${encodeURIComponent(o.namespace)}/pods/${encodeURIComponent(pod)}/log?${q}`;
  let res: Response;
  try {
    res = await client.fetch(url, { headers: { accept: 'text/plain, application/json', 'user-agent': 'kubesim/0.1' } });
  } catch {
    throw new ConnectionError(`The connection to the server ${new URL(client.server).host} was refused - did you specify the right host or port? (start a cluster with 'kubesim up')`);
  }
  if (!res.ok) throw await statusError(res);
  if (!res.body) return;
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) write(decoder.decode(chunk, { stream: true }));
}

export async function statusError(res: Response): Promise<KubeError> {
  const text = await res.text();
  try {
    const s = JSON.parse(text) as Status;
    if (s.kind === 'Status') return new KubeError(s);
  } catch {
    // not a Status
  }
  return new KubeError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'InternalError', message: text || res.statusText, code: res.status });
}
