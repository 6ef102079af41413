import type { Status } from './types';

/**
 * NATS contracts. Writes go to the apiserver by request/reply (NestJS NATS transport): their
 * subjects and payloads are the table INTERNAL_COMMANDS of @kubesim/core, over the payload DTOs of
 * `internal/internal-payloads.dto.ts`. Reads come from the JetStream stream.
 */

/**
 * A kubelet's own subjects (it answers from memory): request/reply `kubesim.kubelet.<node>.logs|exec|ps`,
 * and `exec-stream`, where the apiserver sends the messages of streaming exec sessions.
 */
export const kubeletSubject = (node: string, what: 'logs' | 'exec' | 'ps' | 'exec-stream') => `kubesim.kubelet.${node}.${what}`;

/**
 * Where a kubelet streams an exec session's output: under its own node's name, so that the broker
 * lets each kubelet publish to its own sessions only (libs/eventlog broker-permissions).
 */
export const execStreamInbox = (node: string, session = '*') => `_INBOX.exec.${node}.${session}`;

/** A pod sandbox (the pause container) on a node, as the container runtime lists it (`crictl pods`). */
export interface RuntimeSandbox {
  id: string;
  /** ms since the epoch */
  createdAt: number;
  state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
  ip: string;
}

/** A container on a node, as the container runtime lists it (`crictl ps -a`). */
export interface RuntimeContainer {
  id: string;
  image: string;
  imageId: string;
  createdAt: number;
  state: 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED';
  name: string;
  attempt: number;
  podSandboxId: string;
  podName: string;
  podNamespace: string;
}

/** `kubesim node ps`: what a node's container runtime holds. */
export interface NodeRuntimeReply {
  sandboxes: RuntimeSandbox[];
  containers: RuntimeContainer[];
}

/** `GET …/pods/NAME/log`, forwarded to the pod's kubelet. `after`: only lines from this index of the instance on (follow). */
export interface PodLogRequest {
  namespace: string;
  name: string;
  uid: string;
  container?: string;
  previous?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  after?: number;
}
export type PodLogReply = { ok: true; text: string; next: number; running: boolean } | { ok: false; status: Status };

/** `kubesim exec POD -- CMD…`: runs CMD in the container until it exits. */
export interface PodExecRequest {
  namespace: string;
  name: string;
  uid: string;
  container?: string;
  command: string[];
  stdin?: string;
}
export type PodExecReply = { ok: true; stdout: string; stderr: string; exitCode: number } | { ok: false; status: Status };

/**
 * A streaming exec session (kubectl's `exec -i/-t`, the dashboard's shell): the apiserver's
 * messages to the pod's kubelet, all on `kubeletSubject(node, 'exec-stream')`, naming their session.
 * `open` starts the process and says where the kubelet sends its `ExecStreamEvent`s (`replyTo`, an
 * inbox). Either side sends `keepalive` every EXEC_STREAM_KEEPALIVE_MS; one that hears nothing of
 * the other for EXEC_STREAM_TIMEOUT_MS ends the session (a kubelet or apiserver that died). Text is
 * UTF-8 as typed.
 */
export type ExecStreamRequest =
  /** `attach`: PID 1's console (`kubectl attach`), no command run. */
  | { kind: 'open'; session: string; replyTo: string; namespace: string; name: string; uid: string; container?: string; command: string[]; tty: boolean; stdin: boolean; attach?: boolean }
  | { kind: 'stdin'; session: string; data: string }
  | { kind: 'stdin-close'; session: string }
  | { kind: 'resize'; session: string; width: number; height: number }
  | { kind: 'keepalive'; session: string }
  /** The client went away: the kubelet kills the exec'd process. */
  | { kind: 'cancel'; session: string };

/** The kubelet's messages of a streaming exec session, to the `replyTo` of its `open`, in order. */
export type ExecStreamEvent =
  /** The process runs: stdin may come. */
  | { kind: 'started' }
  | { kind: 'output'; stream: 'stdout' | 'stderr'; data: string }
  /** The process exited: the session is over. */
  | { kind: 'exit'; exitCode: number }
  /** The session could not start (no such pod or container, the program is not there), or broke. */
  | { kind: 'failed'; status: Status }
  | { kind: 'keepalive' };

export const EXEC_STREAM_KEEPALIVE_MS = 5_000;
export const EXEC_STREAM_TIMEOUT_MS = 15_000;

/** Every internal reply: the resulting resourceVersion (and name), or the Status the HTTP API would give. */
export type Reply = { ok: true; resourceVersion: string; name?: string } | { ok: false; status: Status };

