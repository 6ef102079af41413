import type { ContainerState, ContainerStatus } from '@kubesim/api';
import { fakeSha256Hex } from './fake-digest';
import { imageID } from './image-catalog';
import { normalizedImageName, parseImageRef } from './image-ref';
import { rfc3339 } from './timestamps';

export type TerminatedReason = 'Completed' | 'Error' | 'OOMKilled';

export interface ContainerStatusBase {
  readonly name: string;
  /** The image as the spec names it. */
  readonly image: string;
  readonly restartCount?: number;
  readonly lastState?: ContainerState;
  /**
   * Deterministic input for the container's id, e.g. `<podUid>/<name>/<restartCount>`. Once a
   * container exists it is required: the status then reports the runtime's names (containerID,
   * normalised image, imageID).
   */
  readonly containerKey?: string;
}

/** `containerd://<64 hex>`, stable for the same key. */
export function containerID(containerKey: string): string {
  return `containerd://${fakeSha256Hex(`container:${containerKey}`)}`;
}

/** containerd's CRI reason for an exit. */
export function terminationReason(exitCode: number, oomKilled = false): TerminatedReason {
  if (oomKilled) return 'OOMKilled';
  return exitCode === 0 ? 'Completed' : 'Error';
}

export function waiting(base: ContainerStatusBase, reason: string, message?: string): ContainerStatus {
  const state: ContainerState = { waiting: message === undefined ? { reason } : { reason, message } };
  return { ...identity(base), ready: false, started: false, state };
}

export function running(
  base: ContainerStatusBase & { containerKey: string },
  startedAt: number,
  probes: { ready?: boolean; started?: boolean } = {},
): ContainerStatus {
  const started = probes.started ?? true;
  const ready = probes.ready ?? started;
  return { ...identity(base), ready, started, state: { running: { startedAt: rfc3339(startedAt) } } };
}

export function terminated(
  base: ContainerStatusBase & { containerKey: string },
  exitCode: number,
  reason: TerminatedReason,
  startedAt: number,
  finishedAt: number,
): ContainerStatus {
  const id = identity(base);
  const state: ContainerState = {
    terminated: {
      exitCode,
      reason,
      startedAt: rfc3339(startedAt),
      finishedAt: rfc3339(finishedAt),
      containerID: id.containerID,
    },
  };
  return { ...id, ready: false, started: false, state };
}

/** The `lastState` a restarted container carries: its previous termination. */
export function lastStateOf(status: ContainerStatus): ContainerState {
  return status.state.terminated ? { terminated: status.state.terminated } : status.lastState;
}

function identity(base: ContainerStatusBase): Omit<ContainerStatus, 'ready' | 'started' | 'state'> {
  const common = { name: base.name, restartCount: base.restartCount ?? 0, lastState: base.lastState ?? {} };
  if (base.containerKey === undefined) return { ...common, image: base.image, imageID: '' };
  const parsed = parseImageRef(base.image);
  return {
    ...common,
    image: parsed.ok ? normalizedImageName(parsed.ref) : base.image,
    imageID: imageID(base.image),
    containerID: containerID(base.containerKey),
  };
}
