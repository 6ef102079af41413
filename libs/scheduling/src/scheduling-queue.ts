import { Pod } from '@kubesim/api';

/** Upstream `podInitialBackoffSeconds`. */
export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1_000;
/** Upstream `podMaxBackoffSeconds`. */
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000;
/** Upstream `podMaxInUnschedulablePodsDuration`. */
export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS = 5 * 60_000;
/** Upstream runs `flushUnschedulablePodsLeftover` every 30 s. */
export const UNSCHEDULABLE_PODS_FLUSH_PERIOD_MS = 30_000;
/** Upstream runs `flushBackoffQCompleted` every 1 s. */
export const BACKOFF_Q_FLUSH_PERIOD_MS = 1_000;

/** Cluster changes that may make an unschedulable pod schedulable. */
export const ClusterEvent = {
  NodeAdd: 'NodeAdd',
  NodeUpdate: 'NodeUpdate',
  AssignedPodDelete: 'AssignedPodDelete',
  /** A pod got a node: may satisfy pod affinity or even out a spread. */
  AssignedPodAdd: 'AssignedPodAdd',
  /** A bound pod's labels changed: may also stop matching an anti-affinity term. */
  AssignedPodUpdate: 'AssignedPodUpdate',
  /** A PersistentVolumeClaim, PersistentVolume or StorageClass added or changed (VolumeBinding). */
  PvcChange: 'PvcChange',
  PvChange: 'PvChange',
  StorageClassChange: 'StorageClassChange',
} as const;
export type ClusterEvent = (typeof ClusterEvent)[keyof typeof ClusterEvent];

export type QueueName = 'active' | 'backoff' | 'unschedulable';

export interface SchedulingQueueOptions {
  /** Clock in milliseconds; the queue never reads the real time. */
  readonly now: () => number;
  /** Multiplies every duration below (0.1 runs the queue ten times faster). Default 1. */
  readonly timeScale?: number;
  readonly podInitialBackoffMs?: number;
  readonly podMaxBackoffMs?: number;
  readonly podMaxInUnschedulablePodsDurationMs?: number;
  readonly unschedulableFlushPeriodMs?: number;
  readonly backoffFlushPeriodMs?: number;
}

interface QueuedPod {
  pod: Pod;
  /** When it was added or last failed; orders activeQ and starts the back-off. */
  timestamp: number;
  attempts: number;
  seq: number;
}

const uidOf = (p: Pod | string): string => (typeof p === 'string' ? p : p.metadata.uid);
const priorityOf = (q: QueuedPod): number => q.pod.spec.priority ?? 0;
const helpedByPodAdd = (p: Pod): boolean =>
  Boolean(p.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length || p.spec.topologySpreadConstraints?.length);
/** A relabelled pod may also stop matching the pod's anti-affinity terms. */
const helpedByPodUpdate = (p: Pod): boolean => helpedByPodAdd(p) || Boolean(p.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length);
const helpedBy = (event: ClusterEvent, p: Pod): boolean =>
  event === ClusterEvent.AssignedPodAdd ? helpedByPodAdd(p) : event === ClusterEvent.AssignedPodUpdate ? helpedByPodUpdate(p) : true;
const frequent = (event: ClusterEvent): boolean => event === ClusterEvent.AssignedPodAdd || event === ClusterEvent.AssignedPodUpdate;
const relevant = (p: Pod) => JSON.stringify([p.spec, p.metadata.labels ?? {}, p.metadata.annotations ?? {}]);

/**
 * The scheduler's three queues (upstream `PriorityQueue`), keyed by pod uid; a pod is in at most
 * one of them, or in flight between `pop()` and `addUnschedulable()`. No timers: the caller asks
 * `nextWakeAt()` and calls the flush methods then.
 */
export class SchedulingQueue {
  private readonly queues: Record<QueueName, Map<string, QueuedPod>> = {
    active: new Map(),
    backoff: new Map(),
    unschedulable: new Map(),
  };
  /** uid → scheduling cycle it was popped in; `undefined` once deleted while in flight. */
  private readonly inFlight = new Map<string, number | undefined>();
  private readonly now: () => number;
  private readonly start: number;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxUnschedulableStay: number;
  private readonly unschedulableFlushPeriod: number;
  private readonly backoffFlushPeriod: number;
  private seq = 0;
  private schedulingCycle = 0;
  private moveRequestCycle = -1;
  /** The last cycle in which each kind of event was seen: a pod failing meanwhile retries if the event could help it. */
  private readonly eventCycle = new Map<ClusterEvent, number>();

  constructor(opts: SchedulingQueueOptions) {
    const scale = opts.timeScale ?? 1;
    this.now = opts.now;
    this.start = opts.now();
    this.initialBackoff = (opts.podInitialBackoffMs ?? DEFAULT_POD_INITIAL_BACKOFF_MS) * scale;
    this.maxBackoff = (opts.podMaxBackoffMs ?? DEFAULT_POD_MAX_BACKOFF_MS) * scale;
    this.maxUnschedulableStay =
      (opts.podMaxInUnschedulablePodsDurationMs ?? DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS) * scale;
    this.unschedulableFlushPeriod = (opts.unschedulableFlushPeriodMs ?? UNSCHEDULABLE_PODS_FLUSH_PERIOD_MS) * scale;
    this.backoffFlushPeriod = (opts.backoffFlushPeriodMs ?? BACKOFF_Q_FLUSH_PERIOD_MS) * scale;
  }

  /** A new pending pod goes to activeQ. A pod already queued is updated instead. */
  add(pod: Pod): void {
    if (this.where(pod)) return this.update(pod);
    if (pod.spec.nodeName) return;
    this.put('active', { pod, timestamp: this.now(), attempts: 0, seq: this.seq++ });
  }

  /**
   * Upstream `Update`: in place in activeQ/backoffQ; an unschedulable pod whose spec, labels or
   * annotations changed is retried (backoffQ if still backing off); an unknown or in-flight pod goes
   * to activeQ. A pod that got a node is no longer pending and leaves the queue.
   */
  update(pod: Pod): void {
    const uid = pod.metadata.uid;
    if (pod.spec.nodeName) {
      for (const q of Object.values(this.queues)) q.delete(uid);
      return this.done(uid);
    }
    const name = this.where(uid);
    if (!name) return this.put('active', { pod, timestamp: this.now(), attempts: 0, seq: this.seq++ });
    const q = this.queues[name].get(uid)!;
    const changed = relevant(q.pod) !== relevant(pod);
    q.pod = pod;
    if (name === 'unschedulable' && changed) this.put(this.isBackingOff(q) ? 'backoff' : 'active', q);
  }

  /** The pod is gone; if it is in flight, a later `addUnschedulable`/`addBackoff` is ignored. */
  delete(pod: Pod | string): void {
    const uid = uidOf(pod);
    for (const q of Object.values(this.queues)) q.delete(uid);
    if (this.inFlight.has(uid)) this.inFlight.set(uid, undefined);
  }

  /** The next pod to schedule: highest priority, then earliest timestamp. It is then in flight. */
  pop(): Pod | undefined {
    let best: QueuedPod | undefined;
    for (const q of this.queues.active.values()) {
      if (!best || this.before(q, best)) best = q;
    }
    if (!best) return undefined;
    this.queues.active.delete(best.pod.metadata.uid);
    this.inFlight.set(best.pod.metadata.uid, ++this.schedulingCycle);
    return best.pod;
  }

  /**
   * A pod that failed its `attempts`-th scheduling attempt with a FitError. It waits in the
   * unschedulable pool, or in backoffQ if a cluster event arrived while it was being scheduled.
   * Ignored when the pod was deleted meanwhile or is already queued again.
   */
  addUnschedulable(pod: Pod, attempts: number): void {
    this.requeue(pod, attempts, false);
  }

  /** A pod whose attempt failed with an error (plugin error, bind failure): back off, then retry. */
  addBackoff(pod: Pod, attempts: number): void {
    this.requeue(pod, attempts, true);
  }

  /** The pod's scheduling attempt ended without requeueing (it was bound): forget it. */
  done(pod: Pod | string): void {
    this.inFlight.delete(uidOf(pod));
  }

  /**
   * A cluster event may have made pods schedulable: every unschedulable pod moves to activeQ, or
   * to backoffQ while backing off. (Upstream narrows this per plugin with QueueingHints; kubesim
   * retries them all, which only costs extra attempts, except that a pod being bound only
   * retries pods with pod affinity or topology spread constraints, the only rules it can help.)
   */
  moveAllToActiveOrBackoff(event: ClusterEvent): number {
    const moved = [...this.queues.unschedulable.values()].filter((q) => helpedBy(event, q.pod));
    for (const q of moved) this.put(this.isBackingOff(q) ? 'backoff' : 'active', q);
    // Binds happen all the time: only a pod they could help retries if it failed meanwhile.
    if (!frequent(event)) this.moveRequestCycle = this.schedulingCycle;
    this.eventCycle.set(event, this.schedulingCycle);
    return moved.length;
  }

  /** Moves pods whose back-off has expired from backoffQ to activeQ. */
  flushBackoffCompleted(): number {
    const done = [...this.queues.backoff.values()].filter((q) => !this.isBackingOff(q));
    for (const q of done) this.put('active', q);
    return done.length;
  }

  /** Retries pods that stayed longer than the max unschedulable duration (5 min by default). */
  flushUnschedulableLeftover(): number {
    const now = this.now();
    const stale = [...this.queues.unschedulable.values()].filter(
      (q) => now - q.timestamp > this.maxUnschedulableStay,
    );
    for (const q of stale) this.put(this.isBackingOff(q) ? 'backoff' : 'active', q);
    return stale.length;
  }

  /**
   * When the caller should next act: now if activeQ has pods, else the first flush tick (every 1 s
   * for backoffQ, 30 s for the unschedulable pool, counted from construction, as upstream's loops)
   * at which a pod becomes due. `undefined` when nothing is waiting.
   */
  nextWakeAt(): number | undefined {
    if (this.queues.active.size > 0) return this.now();
    const times: number[] = [];
    for (const q of this.queues.backoff.values()) {
      times.push(this.tickAtOrAfter(this.backoffExpiry(q), this.backoffFlushPeriod));
    }
    for (const q of this.queues.unschedulable.values()) {
      times.push(this.tickAfter(q.timestamp + this.maxUnschedulableStay, this.unschedulableFlushPeriod));
    }
    return times.length ? Math.min(...times) : undefined;
  }

  /** Back-off after `attempts` failures: initial × 2^(attempts−1), capped; 0 before any attempt. */
  backoffDuration(attempts: number): number {
    if (attempts <= 0) return 0;
    return Math.min(this.initialBackoff * 2 ** (attempts - 1), this.maxBackoff);
  }

  /** Which queue holds the pod, if any (in-flight pods are in none). */
  where(pod: Pod | string): QueueName | undefined {
    const uid = uidOf(pod);
    return (Object.keys(this.queues) as QueueName[]).find((n) => this.queues[n].has(uid));
  }

  /** Pods per queue, for `kubesim` diagnostics and tests. */
  pending(): Record<QueueName, Pod[]> {
    const list = (n: QueueName) => [...this.queues[n].values()].map((q) => q.pod);
    return { active: list('active'), backoff: list('backoff'), unschedulable: list('unschedulable') };
  }

  private requeue(pod: Pod, attempts: number, error: boolean): void {
    const uid = pod.metadata.uid;
    const cycle = this.inFlight.has(uid) ? this.inFlight.get(uid) : this.schedulingCycle + 1;
    this.inFlight.delete(uid);
    if (cycle === undefined || this.where(uid)) return;
    const q: QueuedPod = { pod, timestamp: this.now(), attempts, seq: this.seq++ };
    const missed = [...this.eventCycle].some(([event, at]) => at >= cycle && frequent(event) && helpedBy(event, pod));
    this.put(error || this.moveRequestCycle >= cycle || missed ? 'backoff' : 'unschedulable', q);
  }

  private put(name: QueueName, q: QueuedPod): void {
    for (const m of Object.values(this.queues)) m.delete(q.pod.metadata.uid);
    this.queues[name].set(q.pod.metadata.uid, q);
  }

  private before(a: QueuedPod, b: QueuedPod): boolean {
    if (priorityOf(a) !== priorityOf(b)) return priorityOf(a) > priorityOf(b);
    if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
    return a.seq < b.seq;
  }

  private backoffExpiry(q: QueuedPod): number {
    return q.timestamp + this.backoffDuration(q.attempts);
  }

  private isBackingOff(q: QueuedPod): boolean {
    return this.backoffExpiry(q) > this.now();
  }

  private tickAtOrAfter(t: number, period: number): number {
    return this.start + Math.max(0, Math.ceil((t - this.start) / period)) * period;
  }

  private tickAfter(t: number, period: number): number {
    return this.start + Math.max(0, Math.floor((t - this.start) / period) + 1) * period;
  }
}
