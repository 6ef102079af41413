import type { Container, ContainerState, ContainerStateTerminated, Pod, PodCondition, PodStatus } from '@kubesim/api';
import { parseTime } from './human-duration';

/**
 * What `kubectl get pods` derives from a pod, computed in one pass exactly as upstream printPod
 * (pkg/printers/internalversion/printers.go) does, because READY, STATUS and RESTARTS all depend on
 * where the init-container loop stopped. See kubernetes-semantics.md §3.1–3.2.
 */
export interface PodSummary {
  readonly ready: number;
  readonly total: number;
  readonly status: string;
  readonly restarts: number;
  /** Latest `lastState.terminated.finishedAt` among the counted containers; undefined = never. */
  readonly lastRestart: number | undefined;
}

export function summarizePod(pod: Pod): PodSummary {
  // A pod read straight from a manifest may have no status yet.
  const status: Partial<PodStatus> = pod.status ?? {};
  const conditions = status.conditions ?? [];
  const initSpecs = pod.spec.initContainers ?? [];
  const sidecarNames = new Set(initSpecs.filter(isSidecar).map((c) => c.name));
  const total = pod.spec.containers.length + initSpecs.filter(isSidecar).length;
  const phase: string = status.phase ?? '';

  let reason = status.reason || phase;
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  let ready = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  let sidecarRestarts = 0;
  let lastSidecarRestart: number | undefined;
  let initializing = false;

  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount;
    lastRestart = later(lastRestart, lastFinishedAt(c.lastState));
    const sidecar = sidecarNames.has(c.name);
    if (sidecar) {
      sidecarRestarts += c.restartCount;
      lastSidecarRestart = later(lastSidecarRestart, lastFinishedAt(c.lastState));
    }
    const { terminated, waiting } = c.state ?? {};
    if (terminated && terminated.exitCode === 0) continue;
    // A started sidecar lets the next init container run, so it does not hold initialization back.
    if (sidecar && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    initializing = true;
    if (terminated) reason = `Init:${terminatedReason(terminated)}`;
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    break;
  }

  if (!initializing || isInitialized(conditions)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    let errorReason = '';
    const statuses = status.containerStatuses ?? [];
    // Reverse order, so the first container that sets a reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount;
      lastRestart = later(lastRestart, lastFinishedAt(c.lastState));
      const { waiting, terminated, running } = c.state ?? {};
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated) {
        reason = terminatedReason(terminated);
        if (terminated.exitCode !== 0) errorReason = reason;
      } else if (c.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed') {
      if (hasRunning && hasReadyCondition(conditions)) reason = 'Running';
      else if (errorReason) reason = errorReason;
      else if (hasRunning) reason = 'NotReady';
    }
  }

  const deleting = Boolean(pod.metadata.deletionTimestamp);
  // kubesim shows a lost node's pods as `Unknown`, deleting or not (docs/decisions.md: NodeLost).
  if (status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return { ready, total, status: reason, restarts, lastRestart };
}

export function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always';
}

function terminatedReason(t: ContainerStateTerminated): string {
  if (t.reason) return t.reason;
  return t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
}

function lastFinishedAt(lastState: ContainerState | undefined): number | undefined {
  return lastState?.terminated ? parseTime(lastState.terminated.finishedAt) : undefined;
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (b === undefined) return a;
  return a === undefined || a < b ? b : a;
}

/** Upstream looks only at the first Initialized condition. */
function isInitialized(conditions: PodCondition[]): boolean {
  return conditions.find((c) => c.type === 'Initialized')?.status === 'True';
}

function hasReadyCondition(conditions: PodCondition[]): boolean {
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}
