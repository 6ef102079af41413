import { kubeletSubject, type Pod, type PodExecReply, type PodExecRequest } from '@kubesim/api';
import type { NatsConnection } from 'nats';
import { parseBody } from '../body';
import { badRequest, failure, StatusError } from '../status';

/** An exec may run for a while: the kubelet answers when the command exits (or after 60 s). */
const EXEC_TIMEOUT_MS = 65_000;

/** What to run: kubectl's query (`?command=sh&command=-c&…&container=c`) or a JSON body. */
export interface ExecOptions {
  command: string[];
  container?: string;
  stdin?: string;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The command and container of an exec request (query, or a JSON body `{command, container, stdin}`). */
export function execOptions(query: Record<string, unknown>, body?: unknown, contentType?: string): ExecOptions {
  const parsed = body && String(body).trim() ? (parseBody(body, contentType) as { command?: unknown; container?: unknown; stdin?: unknown }) : {};
  const fromQuery = query.command === undefined ? [] : Array.isArray(query.command) ? query.command.map(String) : [String(query.command)];
  const command = Array.isArray(parsed.command) ? parsed.command.map(String) : fromQuery;
  if (command.length === 0) throw badRequest('you must specify at least one command for the container');
  const container = typeof parsed.container === 'string' ? parsed.container : typeof query.container === 'string' && query.container ? query.container : undefined;
  return { command, ...(container ? { container } : {}), ...(typeof parsed.stdin === 'string' ? { stdin: parsed.stdin } : {}) };
}

/** kube-apiserver's checks before it contacts the kubelet (`ExecLocation`). */
export function checkExecTarget(pod: Pod): string {
  if (!pod.spec.nodeName) throw new StatusError(failure(400, 'BadRequest', `pod ${pod.metadata.name} does not have a host assigned`));
  if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') {
    throw badRequest(`cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
  }
  return pod.spec.nodeName;
}

/** Runs the command in the pod's container on its kubelet (over NATS) and waits for it to exit. */
export async function runExec(nc: Pick<NatsConnection, 'request'>, pod: Pod, opts: ExecOptions): Promise<ExecResult> {
  const node = checkExecTarget(pod);
  const req: PodExecRequest = { namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, ...opts };
  let reply: PodExecReply;
  try {
    const m = await nc.request(kubeletSubject(node, 'exec'), new TextEncoder().encode(JSON.stringify(req)), { timeout: EXEC_TIMEOUT_MS });
    reply = JSON.parse(new TextDecoder().decode(m.data)) as PodExecReply;
  } catch {
    throw new StatusError(failure(500, 'InternalError', `error dialing backend: kubelet on ${node} not reachable`));
  }
  if (!reply.ok) throw new StatusError(reply.status);
  return { stdout: reply.stdout, stderr: reply.stderr, exitCode: reply.exitCode };
}

/**
 * `POST …/pods/NAME/exec` without an upgrade (`kubesim exec`): one request, the reply is
 * `{stdout, stderr, exitCode}`. kubectl's streaming exec is served by exec-upgrade.ts.
 */
export async function podExec(nc: Pick<NatsConnection, 'request'>, pod: Pod, query: Record<string, unknown>, body: unknown, contentType: string | undefined): Promise<ExecResult> {
  return runExec(nc, pod, execOptions(query, body, contentType));
}
