import { kubeletSubject, type Pod, type PodLogReply, type PodLogRequest } from '@kubesim/api';
import type { Response } from 'express';
import type { NatsConnection } from 'nats';
import { badRequest, failure, StatusError } from './status';
import { isTrue } from './query-flag';

/** How often a followed log asks the kubelet for new lines (wall clock). */
export const FOLLOW_POLL_MS = 250;
const KUBELET_TIMEOUT_MS = 5000;

const num = (v: unknown) => (v === undefined || v === '' ? undefined : Number(v));

/** The `log` subresource's query (`container`, `previous`, `timestamps`, `tailLines`, `sinceSeconds`, `follow`). */
export function logRequest(pod: Pod, query: Record<string, unknown>): PodLogRequest {
  const tailLines = num(query.tailLines);
  const sinceSeconds = num(query.sinceSeconds);
  if (Number.isNaN(tailLines) || Number.isNaN(sinceSeconds)) throw badRequest('tailLines and sinceSeconds must be integers');
  return {
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    ...(typeof query.container === 'string' && query.container ? { container: query.container } : {}),
    previous: isTrue(query.previous),
    timestamps: isTrue(query.timestamps),
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
  };
}

/** Asks the pod's kubelet (NATS request/reply); the kubelet answers from memory. */
export async function askKubelet(nc: Pick<NatsConnection, 'request'>, pod: Pod, req: PodLogRequest): Promise<PodLogReply> {
  if (!pod.spec.nodeName) throw new StatusError(failure(400, 'BadRequest', `pod ${pod.metadata.name} does not have a host assigned`));
  try {
    const m = await nc.request(kubeletSubject(pod.spec.nodeName, 'logs'), new TextEncoder().encode(JSON.stringify(req)), { timeout: KUBELET_TIMEOUT_MS });
    return JSON.parse(new TextDecoder().decode(m.data)) as PodLogReply;
  } catch {
    throw new StatusError(failure(500, 'InternalError', `Get "https://${pod.spec.nodeName}:10250/containerLogs/${pod.metadata.namespace}/${pod.metadata.name}": kubelet not reachable`));
  }
}

/**
 * `GET …/pods/NAME/log`: plain text. With `follow`, the response stays open and new lines are
 * written as the kubelet reports them, until the container stops or the client goes away.
 */
export async function servePodLog(nc: NatsConnection, pod: Pod, query: Record<string, unknown>, res: Response, stillThere: () => Pod | undefined): Promise<void> {
  const req = logRequest(pod, query);
  const first = await askKubelet(nc, pod, req);
  if (!first.ok) throw new StatusError(first.status);
  res.status(200).type('text/plain');
  if (!isTrue(query.follow) || req.previous) return void res.send(first.text);
  res.write(first.text);
  let next = first.next;
  let closed = false;
  res.on('close', () => (closed = true));
  while (!closed) {
    await new Promise((r) => setTimeout(r, FOLLOW_POLL_MS));
    const current = stillThere();
    if (!current || current.metadata.uid !== pod.metadata.uid) break;
    const r = await askKubelet(nc, pod, { ...req, after: next }).catch(() => undefined);
    if (!r || !r.ok) break;
    if (r.text) res.write(r.text);
    if (r.next < next) break; // a new instance started: kubectl logs -f ends with the old one
    next = r.next;
    if (!r.running) break;
  }
  res.end();
}
