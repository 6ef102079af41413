import type { Container, ContainerStatus, PodPhase, PodSpec } from '@kubesim/api';

export type PhaseSpec = Pick<PodSpec, 'containers' | 'initContainers' | 'restartPolicy'>;

/** A sidecar: an init container with `restartPolicy: Always`. */
export function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always';
}

/**
 * The kubelet's `getPhase` (pkg/kubelet/kubelet_pods.go), semantics §1.2. `podIsTerminal` is
 * true when the pod is being stopped for good (deleted, evicted), so restart policy no longer
 * matters. kubesim has no static pods, so their exception to that rule is left out.
 */
export function getPhase(
  spec: PhaseSpec,
  initStatuses: readonly ContainerStatus[] | undefined,
  statuses: readonly ContainerStatus[] | undefined,
  podIsTerminal: boolean,
): PodPhase {
  const initStatus = (name: string) => initStatuses?.find((s) => s.name === name);
  const appStatus = (name: string) => statuses?.find((s) => s.name === name);
  const initContainers = spec.initContainers ?? [];
  let pendingInitialization = 0;
  let failedInitialization = 0;

  for (const c of initContainers.filter((c) => !isSidecar(c))) {
    const s = initStatus(c.name);
    if (s?.state.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s?.state.waiting && s.lastState.terminated) {
      if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
    } else {
      pendingInitialization++; // running, waiting for a first run, or no status yet
    }
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;

  for (const c of initContainers.filter(isSidecar)) {
    const s = initStatus(c.name);
    if (!s) {
      unknown++;
    } else if (s.state.running) {
      if (s.started !== true) pendingInitialization++;
      running++;
    } else if (s.state.waiting && !s.lastState.terminated) {
      pendingInitialization++;
      waiting++;
    } else if (!s.state.terminated && !s.state.waiting) {
      pendingInitialization++;
      unknown++;
    }
    // A sidecar that has exited (now or before a restart) counts neither as running nor stopped.
  }

  for (const c of spec.containers) {
    const s = appStatus(c.name);
    if (!s) {
      unknown++;
    } else if (s.state.running) {
      running++;
    } else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) stopped++;
      else waiting++;
    } else {
      unknown++;
    }
  }

  if (failedInitialization > 0 && spec.restartPolicy === 'Never') return 'Failed';
  if (pendingInitialization > 0 && !hasAnyRegularContainerStarted(spec, statuses)) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (spec.restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (spec.restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** True once any app container has run (it is running or has terminated). */
export function hasAnyRegularContainerStarted(
  spec: Pick<PodSpec, 'containers'>,
  statuses: readonly ContainerStatus[] | undefined,
): boolean {
  const names = new Set(spec.containers.map((c) => c.name));
  return (statuses ?? []).some((s) => names.has(s.name) && (s.state.running || s.state.terminated) !== undefined);
}

/** `generateAPIPodStatus`: a pod never leaves a terminal phase. */
export function nextPhase(previous: PodPhase | undefined, computed: PodPhase): PodPhase {
  return previous === 'Succeeded' || previous === 'Failed' ? previous : computed;
}
