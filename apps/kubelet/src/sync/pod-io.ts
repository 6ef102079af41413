import type { Pod, PodExecReply, PodLogReply, PodLogRequest, Status } from '@kubesim/api';
import { fakeSha256Hex, formatLog, NO_CLUSTER, psUser, START_ERROR_EXIT_CODE, startProcess, withSubprocesses, type Process } from '@kubesim/runtime';
import { processOf, type ContainerRuntime } from './container-runtime';
import type { PodRuntime } from './pod-runtime';

const failure = (code: number, reason: string, message: string): Status => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
const badRequest = (message: string) => ({ ok: false as const, status: failure(400, 'BadRequest', message) });

/** Picks the container a logs/exec request means, with the kubelet's (and kubectl's) wording when it cannot. */
export function pickContainer(pod: Pod, runtime: PodRuntime, name: string | undefined): ContainerRuntime | { ok: false; status: Status } {
  const podName = pod.metadata.name;
  if (name === undefined || name === '') {
    if (pod.spec.containers.length === 1) return runtime.containers.get(pod.spec.containers[0].name)!;
    const names = pod.spec.containers.map((c) => c.name).join(' ');
    const inits = (pod.spec.initContainers ?? []).map((c) => c.name);
    const initText = inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : '';
    return badRequest(`a container name must be specified for pod ${podName}, choose one of: [${names}]${initText}`);
  }
  return runtime.containers.get(name) ?? badRequest(`container ${name} is not valid for pod ${podName}`);
}

/** `kubectl logs`: the current or previous instance's lines, from the kubelet's memory. */
export function readLogs(pod: Pod, runtime: PodRuntime, req: PodLogRequest, now: number): PodLogReply {
  const c = pickContainer(pod, runtime, req.container);
  if ('ok' in c) return c;
  const name = c.spec.name;
  if (req.previous) {
    if (!c.log.previous) return badRequest(`previous terminated container "${name}" in pod "${pod.metadata.name}" not found`);
    return { ok: true, text: formatLog(c.log.previous, { timestamps: req.timestamps, tailLines: req.tailLines }), next: c.log.previous.length, running: false };
  }
  if (c.phase.kind === 'new' || c.phase.kind === 'pulling' || c.phase.kind === 'pull-failed') {
    const reason = c.phase.kind === 'pull-failed' ? (c.phase.backingOff ? 'ImagePullBackOff' : c.phase.reason) : pod.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating';
    if (!c.log.previous) return badRequest(`container "${name}" in pod "${pod.metadata.name}" is waiting to start: ${reason}`);
  }
  const dropped = c.log.appended - c.log.current.length;
  const from = Math.max(0, (req.after ?? 0) - dropped);
  const sinceMs = req.sinceSeconds !== undefined ? now - req.sinceSeconds * 1000 : undefined;
  const text = formatLog(c.log.current.slice(from), { timestamps: req.timestamps, tailLines: req.after === undefined ? req.tailLines : undefined, sinceMs });
  return { ok: true, text, next: c.log.appended, running: processOf(c) !== undefined };
}

/** A command `exec`'d into a running container (not PID 1; shares its filesystem and network). */
export interface ExecSession {
  /** containerd's exec id, named in its errors. */
  readonly id: string;
  readonly proc: Process;
  readonly stdout: string[];
  readonly stderr: string[];
}

export function startExec(pod: Pod, runtime: PodRuntime, container: string | undefined, command: string[], now: number, stdin?: string): ExecSession | { ok: false; status: Status } {
  const c = pickContainer(pod, runtime, container);
  if ('ok' in c) return c;
  const p = c.phase;
  if ((p.kind !== 'running' && p.kind !== 'stopping') || p.proc.exit) {
    return { ok: false, status: failure(400, 'BadRequest', `unable to upgrade connection: container not found ("${c.spec.name}")`) };
  }
  const session: ExecSession = { id: fakeSha256Hex(`${pod.metadata.uid}/${c.spec.name}/${now}/${command.join(' ')}`), proc: undefined as unknown as Process, stdout: [], stderr: [] };
  const main = p.proc;
  // The exec'd process joins the container's PID namespace: its PID 1 (and what that forked) first, then itself.
  const processes = () => [...withSubprocesses(main, 1), { pid: 7, user: psUser(main), argv: command, cpuMs: session.proc?.cpuUsedMs ?? 0 }];
  const proc = startProcess(command, { ...p.env, cluster: p.env.cluster ?? NO_CLUSTER, processes: p.env.processes ?? processes }, now, {
    pid1: false,
    ...(stdin !== undefined ? { stdin } : {}),
    onOutput: (stream, line) => void (stream === 'stdout' ? session.stdout : session.stderr).push(line),
  });
  runtime.sandbox?.register(proc);
  return { ...session, proc };
}

/**
 * The reply once the exec'd process has exited. A program that could not be started is not an
 * exit code but containerd's error, which kube-apiserver passes on as a 500.
 */
export function execReply(s: ExecSession): PodExecReply {
  const text = (lines: string[]) => lines.map((l) => l + '\n').join('');
  const notFound = s.proc.exit?.code === START_ERROR_EXIT_CODE && s.stdout.length === 0 && s.stderr.length === 1 ? /^exec: ".*": executable file not found in \$PATH$/.exec(s.stderr[0]) : null;
  if (notFound) {
    const message = `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${s.id}": OCI runtime exec failed: exec failed: unable to start container process: ${notFound[0]}: unknown`;
    return { ok: false, status: failure(500, 'InternalError', message) };
  }
  return { ok: true, stdout: text(s.stdout), stderr: text(s.stderr), exitCode: s.proc.exit?.code ?? 0 };
}
