import type { Container, ContainerState, ContainerStatus } from '@kubesim/api';
import {
  ContainerLog,
  crashLoopBackOffMessage,
  running,
  terminated,
  terminationReason,
  waiting,
  type ContainerEnv,
  type PodRef,
  type Process,
  type Terminal,
} from '@kubesim/runtime';
import type { Prober } from './container-probes';

export interface HookRun {
  readonly proc: Process;
  readonly output: () => string;
}

/** What follows a stop: the container runs again or not, the restart policy says, or it is replaced at once. */
export type StopOutcome = boolean | 'policy' | 'replace';

/** Where one container is in its life on the node. */
export type ContainerPhase =
  | { kind: 'new' }
  | { kind: 'pulling'; startedAt: number; doneAt: number }
  | { kind: 'pull-failed'; reason: string; message: string; showBackOffAt: number; retryAt: number; backingOff: boolean }
  /** With a pending postStart hook the container still shows waiting (the kubelet blocks on the hook). */
  | { kind: 'running'; startedAt: number; proc: Process; env: ContainerEnv; postStart?: HookRun }
  /**
   * preStop, then SIGTERM; SIGKILL at `killAt` if the process is still alive. `final: 'policy'`:
   * the restart policy decides; 'replace': started again at once (its spec changed).
   */
  | { kind: 'stopping'; startedAt: number; proc: Process; env: ContainerEnv; killAt: number; final: StopOutcome; preStop?: HookRun }
  | {
      kind: 'exited';
      startedAt: number;
      finishedAt: number;
      exitCode: number;
      oomKilled?: boolean;
      /** Set while a restart waits out the crash back-off: the container shows CrashLoopBackOff. */
      backOff?: { restartAt: number; seconds: number };
      /** Will not run again (policy says so, or the pod is being deleted). */
      final?: boolean;
      /** Killed to be replaced (its spec changed): started again at once, with no back-off. */
      replace?: boolean;
    };

/** The runtime's record of one container (init, sidecar or app) of a pod. */
export interface ContainerRuntime {
  spec: Container;
  /** `spec.containers{name}` or `spec.initContainers{name}`. */
  fieldPath: string;
  init: boolean;
  sidecar: boolean;
  restartCount: number;
  lastState: ContainerState;
  phase: ContainerPhase;
  /** The probes of the current instance. */
  prober?: Prober;
  /** Output of the current and the previous instance. */
  readonly log: ContainerLog;
  /**
   * While a replacement is being prepared (the pull before a restart or a pull retry), what the
   * kubelet keeps reporting: the exited container, or its reasonCache error such as
   * CrashLoopBackOff or ImagePullBackOff (semantics §2.1). Cleared once the new container runs.
   */
  showing?: ContainerStatus;
  /** `stdin: true`: PID 1's stdin (a terminal with `tty`) and the `kubectl attach` sessions that see its output. */
  console?: ContainerConsole;
}

/** A container's console: PID 1's stdin and who is attached to its output. */
export interface ContainerConsole {
  readonly terminal: Terminal;
  readonly attached: Set<(stream: 'stdout' | 'stderr', text: string) => void>;
}

export function newContainerRuntime(spec: Container, init: boolean, restartCount = 0, lastState: ContainerState = {}): ContainerRuntime {
  return {
    spec,
    fieldPath: `spec.${init ? 'initContainers' : 'containers'}{${spec.name}}`,
    init,
    sidecar: init && spec.restartPolicy === 'Always',
    restartCount,
    lastState,
    phase: { kind: 'new' },
    log: new ContainerLog(),
  };
}

/** The running process of a container, if it has one. */
export function processOf(c: ContainerRuntime): Process | undefined {
  return c.phase.kind === 'running' || c.phase.kind === 'stopping' ? c.phase.proc : undefined;
}

/** The API status of a container, from its runtime record. */
export function containerStatus(c: ContainerRuntime, pod: PodRef, defaultWaiting: string): ContainerStatus {
  const base = { name: c.spec.name, image: c.spec.image, restartCount: c.restartCount, lastState: c.lastState };
  const key = `${pod.uid}/${c.spec.name}/${c.restartCount}`;
  const p = c.phase;
  switch (p.kind) {
    case 'new':
    case 'pulling':
      return c.showing ?? waiting(base, defaultWaiting);
    case 'pull-failed':
      return p.backingOff ? waiting(base, 'ImagePullBackOff', `Back-off pulling image "${c.spec.image}"`) : waiting(base, p.reason, p.message);
    case 'running':
      if (p.postStart) return waiting(base, defaultWaiting);
      return running({ ...base, containerKey: key }, p.startedAt, { started: c.prober?.started ?? true, ready: c.prober?.ready ?? true });
    case 'stopping':
      return c.showing ?? running({ ...base, containerKey: key }, p.startedAt, { started: c.prober?.started ?? true, ready: c.prober?.ready ?? true });
    case 'exited': {
      const t = terminated({ ...base, containerKey: key }, p.exitCode, terminationReason(p.exitCode, p.oomKilled), p.startedAt, p.finishedAt);
      if (p.backOff) {
        // CrashLoopBackOff: waiting, with the termination as lastState.
        const message = crashLoopBackOffMessage(p.backOff.seconds, c.spec.name, pod);
        return { ...t, lastState: { terminated: t.state.terminated }, state: { waiting: { reason: 'CrashLoopBackOff', message } } };
      }
      return t;
    }
    default: {
      const _exhaustive: never = p;
      return _exhaustive;
    }
  }
}
