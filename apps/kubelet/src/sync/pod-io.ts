import type { Pod, PodExecReply, PodLogReply, PodLogRequest, Status } from '@kubesim/api';
import { fakeSha256Hex, formatLog, NO_CLUSTER, psUser, START_ERROR_EXIT_CODE, startProcess, withSubprocesses, type ContainerEnv, type Process } from '@kubesim/runtime';
import { processOf, type ContainerRuntime } from './container-runtime';
import type { PodRuntime } from './pod-runtime';

export const failure = (code: number, reason: string, message: string): Status => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
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

/** Where an exec runs: the running container's environment, its PID 1, and containerd's exec id. */
export interface ExecTarget {
  readonly id: string;
  readonly env: ContainerEnv;
  readonly main: Process;
  register(proc: Process): void;
}

/** The running container an exec means (PID 1 alive), or the kubelet's refusal. */
export function execTarget(pod: Pod, runtime: PodRuntime, container: string | undefined, command: string[], now: number, exec: () => Process | undefined): ExecTarget | { ok: false; status: Status } {
  const c = pickContainer(pod, runtime, container);
  if ('ok' in c) return c;
  const p = c.phase;
  if ((p.kind !== 'running' && p.kind !== 'stopping') || p.proc.exit) {
    return { ok: false, status: failure(400, 'BadRequest', `unable to upgrade connection: container not found ("${c.spec.name}")`) };
  }
  const main = p.proc;
  // The exec'd process joins the container's PID namespace: its PID 1 (and what that forked) first, then itself.
  const processes = () => [...withSubprocesses(main, 1), { pid: 7, user: psUser(main), argv: command, cpuMs: exec()?.cpuUsedMs ?? 0 }];
  return {
    id: fakeSha256Hex(`${pod.metadata.uid}/${c.spec.name}/${now}/${command.join(' ')}`),
    env: { ...p.env, cluster: p.env.cluster ?? NO_CLUSTER, processes: p.env.processes ?? processes },
    main,
    register: (proc) => runtime.sandbox?.register(proc),
  };
}

export function startExec(pod: Pod, runtime: PodRuntime, container: string | undefined, command: string[], now: number, stdin?: string): ExecSession | { ok: false; status: Status } {
  const session = { proc: undefined as Process | undefined, stdout: [] as string[], stderr: [] as string[] };
  const target = execTarget(pod, runtime, container, command, now, () => session.proc);
  if ('ok' in target) return target;
  const proc = startProcess(command, target.env, now, {
    pid1: false,
    ...(stdin !== undefined ? { stdin } : {}),
    onOutput: (stream, line) => void (stream === 'stdout' ? session.stdout : session.stderr).push(line),
  });
  session.proc = proc;
  target.register(proc);
  return { id: target.id, proc, stdout: session.stdout, stderr: session.stderr };
}

/**
 * The reply once the exec'd process has exited. A program that could not be started is not an
 * exit code but containerd's error, which kube-apiserver passes on as a 500.
 */
export function execReply(s: ExecSession): PodExecReply {
  const text = (lines: string[]) => lines.map((l) => l + '\n').join('');
  const failed = startFailure(s.id, s.proc.exit?.code, text(s.stdout), text(s.stderr));
  if (failed) return { ok: false, status: failed };
  return { ok: true, stdout: text(s.stdout), stderr: text(s.stderr), exitCode: s.proc.exit?.code ?? 0 };
}

/** containerd's error for a program that is not in the image (all it wrote is the runtime's message), else undefined. */
export function startFailure(id: string, exitCode: number | undefined, stdout: string, stderr: string): Status | undefined {
  const notFound = exitCode === START_ERROR_EXIT_CODE && stdout === '' ? /^exec: ".*": executable file not found in \$PATH$/.exec(stderr.replace(/\r?\n$/, '')) : null;
  if (!notFound) return undefined;
  const message = `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: ${notFound[0]}: unknown`;
  return failure(500, 'InternalError', message);
}
