import type { Status } from './types';

/**
 * NATS contracts. Writes go to the apiserver by request/reply (NestJS NATS transport): their
 * subjects and payloads are the table INTERNAL_COMMANDS of @kubesim/core, over the payload DTOs of
 * `internal/internal-payloads.dto.ts`. Reads come from the JetStream stream.
 */

/** A kubelet's own request/reply subjects (it answers from memory): `kubesim.kubelet.<node>.logs|exec|ps`. */
export const kubeletSubject = (node: string, what: 'logs' | 'exec' | 'ps') => `kubesim.kubelet.${node}.${what}`;

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

/** Every internal reply: the resulting resourceVersion (and name), or the Status the HTTP API would give. */
export type Reply = { ok: true; resourceVersion: string; name?: string } | { ok: false; status: Status };

