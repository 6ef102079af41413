import { rfc3339, type ContainerStatus, type Pod, type PodStatus } from '@kubesim/api';
import {
  backoffRemainingSince,
  backoffRemainingSinceUpdate,
  crashLoopBackoffKey,
  crashLoopBackoffPolicy,
  crashLoopBackOffEventMessage,
  getPhase,
  imagePullBackoffKey,
  imagePullBackoffPolicy,
  imagePullBackOffMessage,
  nextBackoff,
  nextPhase,
  parseImageRef,
  normalizedImageName,
  podConditions,
  pullDurationMs,
  pullImage,
  scaledMs,
  fakeSha256Hex,
  type BackoffTable,
  type ClusterNetwork,
  type ObjectLookup,
  type Volume,
  type PodRef,
} from '@kubesim/runtime';
import { advanceRunning, advanceStopping, MINIMUM_GRACE_SECONDS, startContainer, stopContainer, type LifecycleContext } from './container-lifecycle';
import { containerStatus, newContainerRuntime, processOf, type ContainerRuntime } from './container-runtime';
import { adoptContainer } from './container-adoption';
import { applySpecChange } from './container-spec-change';
import { PodSandbox } from './pod-sandbox';
import { terminatePod, type Termination } from './pod-termination';
import { normal, pullTime, warning, type KubeletEvent } from './kubelet-event';

/** How long the kubelet takes to notice a container exit (PLEG relist period). */
export const PLEG_RELIST_SECONDS = 1;
/** How soon the pod worker retries a sync that failed other than by a pull (kubelet backOffPeriod). */
export const SYNC_ERROR_RETRY_SECONDS = 10;
export { MINIMUM_GRACE_SECONDS };

/** What the pod runtime needs from its node. */
export interface NodeContext {
  nodeName: string;
  hostIP: string;
  timeScale: number;
  /** Images pulled on this node (normalized names): the node's image cache. */
  images: Set<string>;
  strictImages: boolean;
  /** Cluster DNS and reachability of other pods and Services; none when absent. */
  cluster?: ClusterNetwork;
  /** The ConfigMaps, Secrets, ServiceAccounts, claims and PVs pods refer to; none when absent. */
  objects?: ObjectLookup;
  /** Node allocatable: the downward API's value of a limit the container does not set. */
  allocatable?: Readonly<Record<string, string>>;
  nodeUid?: string;
  /** A PersistentVolume's files from the store the kubelets share; undefined while it is being read. */
  persistentVolume?: (name: string) => Volume | undefined;
}

export interface SyncResult {
  status: PodStatus;
  events: KubeletEvent[];
  /** The pod was deleted and every container has stopped: the kubelet may remove it (grace 0). */
  finished: boolean;
  /** When `sync` should run again, if nothing else happens before. */
  nextWakeAt?: number;
}

/** The id of a pod's `attempt`-th sandbox on this node (failed ones included). */
const sandboxId = (uid: string, attempt: number) => fakeSha256Hex(`sandbox:${uid}/${attempt}`);

/** The node image cache's key for an image: its normalized name (`docker.io/library/nginx:latest`). */
export const imageKey = (image: string) => {
  const p = parseImageRef(image);
  return p.ok ? normalizedImageName(p.ref) : image;
};

/**
 * One pod on a simulated node: the sandbox, then init containers one at a time, then the app
 * containers; pulls, starts, exits, restarts with back-off, and graceful termination. Pure and
 * clock-driven: `sync(pod, now)` advances everything due by `now` and says when to call again.
 */
export class PodRuntime {
  readonly ref: PodRef;
  readonly containers = new Map<string, ContainerRuntime>();
  sandbox?: PodSandbox;
  private crashBackoff: BackoffTable = {};
  private pullBackoff: BackoffTable = {};
  private startTime?: number;
  private readonly termination: Termination = {};

  /**
   * `runtimeSurvived`: this kubelet restarted on a node whose container runtime kept running (the
   * same boot): the pod's containers are found and adopted as they are. Otherwise containers that
   * ran before belong to a sandbox that is gone, and it is re-created (SandboxChanged).
   */
  constructor(pod: Pod, runtimeSurvived = false) {
    this.ref = { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid };
    const previous = new Map([...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])].map((s) => [s.name, s]));
    for (const [specs, init] of [[pod.spec.initContainers ?? [], true], [pod.spec.containers, false]] as const) {
      for (const c of specs) {
        const prev = previous.get(c.name);
        this.containers.set(c.name, newContainerRuntime(c, init, prev?.restartCount ?? 0, prev?.lastState ?? {}));
      }
    }
    const ranBefore = [...previous.values()].some((s) => s.state.running || s.state.terminated);
    if (ranBefore && runtimeSurvived && pod.status.podIP) this.adopting = previous;
    // Containers ran in a sandbox this runtime never saw (the node restarted): it is re-created.
    else this.sandboxChanged = ranBefore;
  }

  private readonly sandboxChanged: boolean = false;
  /** The statuses of the containers to adopt once the sandbox is found again. */
  private adopting?: Map<string, ContainerStatus>;
  /** Sandboxes that failed to be created (their ids differ). */
  private sandboxAttempts = 0;

  /**
   * `allocateIp` gives the pod an address of its node's pod CIDR, or a reason it cannot (every
   * address taken): the sandbox then fails (FailedCreatePodSandBox) and is retried, the pod
   * ContainerCreating meanwhile.
   */
  sync(pod: Pod, now: number, node: NodeContext, allocateIp: () => string | { error: string }): SyncResult {
    const events: KubeletEvent[] = [];
    const wake: number[] = [];
    if (!this.sandbox) {
      const ip = allocateIp();
      if (typeof ip !== 'string') {
        // Deleted before it ever had a sandbox: nothing runs, nothing to stop.
        if (pod.metadata.deletionTimestamp) return { status: this.status(pod, now, node, true), events, finished: true };
        this.sandboxAttempts++;
        const id = sandboxId(this.ref.uid, this.sandboxAttempts);
        events.push(warning('FailedCreatePodSandBox', `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${id}": plugin type="host-local" failed (add): ${ip.error}`));
        wake.push(now + scaledMs(SYNC_ERROR_RETRY_SECONDS, node.timeScale));
        return { status: this.status(pod, now, node, false), events, finished: false, nextWakeAt: Math.min(...wake) };
      }
      // An adopted pod's sandbox is the one it had: its address and its start.
      const startedAt = this.adopting && pod.status.startTime ? Math.min(Date.parse(pod.status.startTime), now) : now;
      this.sandboxAttempts++;
      this.sandbox = new PodSandbox(pod, this.adopting ? pod.status.podIP! : ip, startedAt, sandboxId(this.ref.uid, this.sandboxAttempts), this.sandboxChanged ? 1 : 0);
      this.startTime = startedAt;
      // Every container starts again, init containers first (semantics §4.3).
      if (this.sandboxChanged && !pod.metadata.deletionTimestamp) events.push(normal('SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.'));
    }
    const deleting = Boolean(pod.metadata.deletionTimestamp);
    const ctx: LifecycleContext = { pod, ref: this.ref, node, sandbox: this.sandbox, events, wake, restartable: (c, code) => this.restartable(c, pod, code) };
    if (this.adopting) {
      const statuses = this.adopting;
      this.adopting = undefined;
      // Their volumes were set up when they first started; the images are on the node.
      this.mountVolumes(pod, now, node, [], []);
      for (const c of this.containers.values()) {
        if (statuses.get(c.spec.name)?.state.running) node.images.add(imageKey(c.spec.image));
        adoptContainer(c, statuses.get(c.spec.name), now, ctx);
      }
    }
    if (deleting) terminatePod(this.termination, [...this.containers.values()], pod, now, ctx);
    else {
      // A changed image (`kubectl set image pod/…`) restarts or re-targets its container first.
      for (const spec of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) applySpecChange(this.containers.get(spec.name)!, spec, now, ctx);
      if (this.mountVolumes(pod, now, node, events, wake)) this.advancePod(pod, now, node, events, wake, ctx);
    }
    const finished = deleting && [...this.containers.values()].every((c) => c.phase.kind !== 'running' && c.phase.kind !== 'stopping');
    return { status: this.status(pod, now, node, finished), events, finished, nextWakeAt: wake.length ? Math.min(...wake) : undefined };
  }

  /** No container starts before every volume is set up (the pod stays ContainerCreating). */
  private mountVolumes(pod: Pod, now: number, node: NodeContext, events: KubeletEvent[], wake: number[]): boolean {
    const volumeNode = { nodeName: node.nodeName, nodeUid: node.nodeUid, hostIP: node.hostIP, timeScale: node.timeScale, objects: node.objects ?? (() => undefined), allocatable: node.allocatable ?? {}, persistentVolume: node.persistentVolume };
    return this.sandbox!.podVolumes.mount(pod, this.sandbox!.ip, now, volumeNode, events, wake);
  }

  /** Runs the containers' processes up to `now` (for logs and exec); transitions stay with `sync`. */
  catchUp(now: number) {
    for (const c of this.containers.values()) processOf(c)?.advance(now);
  }

  private advancePod(pod: Pod, now: number, node: NodeContext, events: KubeletEvent[], wake: number[], ctx: LifecycleContext) {
    for (const spec of pod.spec.initContainers ?? []) {
      const c = this.containers.get(spec.name)!;
      // A sidecar lets the next init container start once it has started (startup probe passed, postStart done).
      const done = () => (c.sidecar ? c.phase.kind === 'running' && !c.phase.postStart && c.prober?.started !== false : c.phase.kind === 'exited' && c.phase.exitCode === 0);
      if (c.sidecar && done()) this.advance(c, pod, now, node, events, wake, ctx);
      if (done()) continue;
      this.advance(c, pod, now, node, events, wake, ctx);
      if (!done()) return; // one init container at a time
    }
    for (const spec of pod.spec.containers) {
      const c = this.containers.get(spec.name)!;
      this.advance(c, pod, now, node, events, wake, ctx);
      if (c.phase.kind === 'running' && c.phase.postStart) return; // the kubelet blocks on a postStart hook
      // SyncPod starts the containers one after the other, each pull in it (serializeImagePulls):
      // the next container is pulled once this one has started (a failed pull does not block).
      if (c.phase.kind === 'pulling') return;
    }
  }

  private restartable(c: ContainerRuntime, pod: Pod, exitCode: number): boolean {
    if (c.sidecar) return true;
    if (c.init) return exitCode !== 0 && pod.spec.restartPolicy !== 'Never';
    if (pod.spec.restartPolicy === 'Always') return true;
    return pod.spec.restartPolicy === 'OnFailure' && exitCode !== 0;
  }

  /** Moves one container forward through every transition due by `now`. */
  private advance(c: ContainerRuntime, pod: Pod, now: number, node: NodeContext, events: KubeletEvent[], wake: number[], ctx: LifecycleContext) {
    const scale = node.timeScale;
    const image = c.spec.image;
    for (let guard = 0; guard < 16; guard++) {
      const p = c.phase;
      switch (p.kind) {
        case 'new': {
          const present = node.images.has(imageKey(image));
          if (present && c.spec.imagePullPolicy !== 'Always') {
            events.push(normal('Pulled', `Container image "${image}" already present on machine`, c.fieldPath));
            startContainer(c, now, ctx);
            continue;
          }
          if (c.spec.imagePullPolicy === 'Never') {
            // Not an image pull failure, so no ImagePullBackOff: the pod worker simply retries.
            const message = `Container image "${image}" is not present with pull policy of Never`;
            events.push(warning('ErrImageNeverPull', message, c.fieldPath));
            const retryAt = now + scaledMs(SYNC_ERROR_RETRY_SECONDS, scale);
            c.phase = { kind: 'pull-failed', reason: 'ErrImageNeverPull', message, showBackOffAt: Infinity, retryAt, backingOff: false };
            return void wake.push(retryAt);
          }
          events.push(normal('Pulling', `Pulling image "${image}"`, c.fieldPath));
          const r = pullImage(image, { strictImages: node.strictImages });
          const doneAt = now + pullDurationMs(r.ok && !present ? r.sizeBytes : 0, scale);
          c.phase = { kind: 'pulling', startedAt: now, doneAt };
          continue;
        }
        case 'pulling': {
          if (now < p.doneAt) return void wake.push(p.doneAt);
          const r = pullImage(image, { strictImages: node.strictImages });
          const key = imagePullBackoffKey(this.ref.uid, image);
          if (r.ok) {
            node.images.add(imageKey(image));
            // In Kubernetes' time, like every number in a message (docs/decisions.md).
            const took = pullTime((p.doneAt - p.startedAt) / scale);
            events.push(normal('Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${r.sizeBytes} bytes.`, c.fieldPath));
            startContainer(c, p.doneAt, ctx);
            continue;
          }
          events.push(warning('Failed', r.eventMessage, c.fieldPath), warning('Failed', `Error: ${r.reason}`, c.fieldPath));
          const policy = imagePullBackoffPolicy(scale);
          this.pullBackoff = nextBackoff(this.pullBackoff, key, p.doneAt, p.doneAt, policy);
          const retryAt = p.doneAt + backoffRemainingSinceUpdate(this.pullBackoff, key, p.doneAt, policy);
          c.phase = { kind: 'pull-failed', reason: r.reason, message: r.message, showBackOffAt: p.doneAt + scaledMs(PLEG_RELIST_SECONDS, scale), retryAt, backingOff: false };
          continue;
        }
        case 'pull-failed': {
          if (!p.backingOff && now >= p.showBackOffAt) {
            p.backingOff = true;
            events.push(normal('BackOff', imagePullBackOffMessage(image), c.fieldPath), warning('Failed', 'Error: ImagePullBackOff', c.fieldPath));
          }
          if (now >= p.retryAt) {
            c.showing = containerStatus(c, this.ref, 'ContainerCreating');
            c.phase = { kind: 'new' };
            continue;
          }
          return void wake.push(p.backingOff ? p.retryAt : Math.min(p.showBackOffAt, p.retryAt));
        }
        case 'running':
          advanceRunning(c, now, ctx);
          if (c.phase.kind === 'exited' || c.phase.kind === 'stopping') continue;
          return;
        case 'stopping':
          advanceStopping(c, now, ctx);
          if (c.phase.kind === 'exited') continue;
          return;
        case 'exited': {
          if (p.final) return;
          if (p.replace) {
            // Killed and started in one pod sync (computePodActions): no exit to notice, no back-off.
            c.lastState = { terminated: containerStatus(c, this.ref, 'ContainerCreating').state.terminated! };
            c.restartCount++;
            c.phase = { kind: 'new' };
            continue;
          }
          const key = crashLoopBackoffKey(this.ref, c.spec.name, c.spec.image);
          const policy = crashLoopBackoffPolicy(scale);
          const noticedAt = p.finishedAt + scaledMs(PLEG_RELIST_SECONDS, scale);
          if (now < noticedAt) return void wake.push(noticedAt);
          if (!p.backOff) {
            const remaining = backoffRemainingSince(this.crashBackoff, key, p.finishedAt, now, policy);
            if (remaining > 0) {
              p.backOff = { restartAt: now + remaining, seconds: this.crashBackoff[key].current };
              events.push(warning('BackOff', crashLoopBackOffEventMessage(c.spec.name, this.ref), c.fieldPath));
              return void wake.push(p.backOff.restartAt);
            }
          } else if (now < p.backOff.restartAt) {
            return void wake.push(p.backOff.restartAt);
          }
          this.crashBackoff = nextBackoff(this.crashBackoff, key, p.finishedAt, now, policy);
          // Shown until the new container runs; after a back-off the termination is in its lastState.
          c.showing = containerStatus(c, this.ref, 'ContainerCreating');
          const t = c.showing.state.terminated ?? c.showing.lastState.terminated;
          c.lastState = t ? { terminated: t } : {};
          c.restartCount++;
          c.phase = { kind: 'new' };
          continue;
        }
        default: {
          const _exhaustive: never = p;
          return _exhaustive;
        }
      }
    }
  }

  private status(pod: Pod, now: number, node: NodeContext, finished: boolean): PodStatus {
    const inits = pod.spec.initContainers ?? [];
    const defaultWaiting = inits.length ? 'PodInitializing' : 'ContainerCreating';
    const initContainerStatuses = inits.map((s) => containerStatus(this.containers.get(s.name)!, this.ref, defaultWaiting));
    const containerStatuses = pod.spec.containers.map((s) => containerStatus(this.containers.get(s.name)!, this.ref, defaultWaiting));
    const phase = nextPhase(pod.status.phase, getPhase(pod.spec, initContainerStatuses, containerStatuses, finished));
    const conditions = podConditions(
      { spec: pod.spec, phase, initContainerStatuses, containerStatuses, sandboxReady: Boolean(this.sandbox) && !finished },
      now,
      pod.status.conditions ?? [],
    );
    const ip = this.sandbox?.ip;
    return {
      phase,
      conditions,
      hostIP: node.hostIP,
      hostIPs: [{ ip: node.hostIP }],
      ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
      ...(this.startTime !== undefined ? { startTime: rfc3339(this.startTime) } : {}),
      ...(inits.length ? { initContainerStatuses } : {}),
      containerStatuses,
      qosClass: pod.status.qosClass,
    };
  }
}
