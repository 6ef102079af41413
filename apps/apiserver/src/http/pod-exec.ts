import { kubeletSubject, type Pod, type PodExecReply, type PodExecRequest } from '@kubesim/api';
import type { NatsConnection } from 'nats';
import { parseBody } from './body';
import { badRequest, failure, StatusError } from './status';

/** An exec may run for a while: the kubelet answers when the command exits (or after 60 s). */
const EXEC_TIMEOUT_MS = 65_000;

/**
 * `POST …/pods/NAME/exec`: kubesim's exec is one request, not a SPDY/WebSocket stream. The
 * command comes as kubectl sends it (`?command=sh&command=-c&command=…&container=c`) or as a
 * JSON body `{command: [...], container, stdin}`; the reply is `{stdout, stderr, exitCode}`.
 */
export async function podExec(nc: Pick<NatsConnection, 'request'>, pod: Pod, query: Record<string, unknown>, body: unknown, contentType: string | undefined, upgrade?: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  if (upgrade) throw badRequest('kubesim serves exec as one request, not a SPDY/WebSocket stream: use `kubesim exec POD -- CMD…`');
  const parsed = body && String(body).trim() ? (parseBody(body, contentType) as { command?: unknown; container?: unknown; stdin?: unknown }) : {};
  const fromQuery = query.command === undefined ? [] : Array.isArray(query.command) ? query.command.map(String) : [String(query.command)];
  const command = Array.isArray(parsed.command) ? parsed.command.map(String) : fromQuery;
  if (command.length === 0) throw badRequest('you must specify at least one command for the container');
  const container = typeof parsed.container === 'string' ? parsed.container : typeof query.container === 'string' ? query.container : undefined;
  if (!pod.spec.nodeName) throw new StatusError(failure(400, 'BadRequest', `pod ${pod.metadata.name} does not have a host assigned`));
  if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') {
    throw badRequest(`cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
  }
  const req: PodExecRequest = {
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    command,
    ...(container ? { container } : {}),
    ...(typeof parsed.stdin === 'string' ? { stdin: parsed.stdin } : {}),
  };
  let reply: PodExecReply;
  try {
    const m = await nc.request(kubeletSubject(pod.spec.nodeName, 'exec'), new TextEncoder().encode(JSON.stringify(req)), { timeout: EXEC_TIMEOUT_MS });
    reply = JSON.parse(new TextDecoder().decode(m.data)) as PodExecReply;
  } catch {
    throw new StatusError(failure(500, 'InternalError', `error dialing backend: kubelet on ${pod.spec.nodeName} not reachable`));
  }
  if (!reply.ok) throw new StatusError(reply.status);
  return { stdout: reply.stdout, stderr: reply.stderr, exitCode: reply.exitCode };
}
