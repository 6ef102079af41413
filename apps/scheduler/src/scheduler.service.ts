import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { KubeObject, Node, Pod, ReplicaSet, Service } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ClusterEvent, defaultProfile, defaultSpreadSelector, SchedulerCache, SchedulingQueue, schedulePod } from '@kubesim/scheduling';
import { needsScheduling } from './pod-filters';
import { SchedulerConfig } from './scheduler.config';
import { BIND_TIMEOUT_SECONDS, preBindVolumes, volumeListers, volumePlanFor } from './volume-prebind';
import { SchedulerMetrics, type AttemptResult } from './scheduler.metrics';

/** How often pending pods missing from the queue are put back (scaled by the time scale). */
export const RESYNC_SECONDS = 30;
/** Bindings under way at once; the loop waits for one to finish beyond this (upstream: one goroutine per bind, unbounded). */
export const MAX_BINDS_IN_FLIGHT = 256;

/**
 * kube-scheduler's loop: pods that need a node wait in the scheduling queue; one at a time they
 * are filtered and scored against a snapshot of the scheduler cache (NodeInfos updated change by
 * change from this process's projection), then assumed on the chosen node and bound through the
 * apiserver asynchronously — the next pod is scheduled meanwhile, seeing the assumed one — as
 * upstream's binding cycle. A failed bind forgets the assumed pod and retries it with back-off;
 * the apiserver refuses a second binding. Unschedulable pods get the FitError as their
 * PodScheduled condition and a FailedScheduling event, and wait for a cluster change.
 */

@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('scheduler');
  private readonly queue: SchedulingQueue;
  /** Nodes and the pods bound (or assumed) on them, kept up to date from the projection. */
  private readonly cache = new SchedulerCache();
  /** Where the next cycle starts filtering (upstream `nextStartNodeIndex`). */
  private nextStartNodeIndex = 0;
  /** Bindings under way (the binding cycles), by pod uid. */
  private readonly binding = new Map<string, Promise<void>>();
  private readonly attempts = new Map<string, number>();
  /** What of each pending pod the scheduler cares about; status-only updates (its own included) are skipped. */
  private readonly seen = new Map<string, string>();
  /** Node and labels of each bound pod, to notice a pod being bound or relabelled (not its status updates). */
  private readonly bound = new Map<string, string>();
  private running = false;
  private inFlight?: string;
  private resyncTimer?: NodeJS.Timeout;
  private wake?: () => void;
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private loop?: Promise<void>;

  constructor(
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(SchedulerConfig) private readonly config: SchedulerConfig,
    @Inject(SchedulerMetrics) private readonly metrics: SchedulerMetrics,
  ) {
    this.queue = new SchedulingQueue({ now: Date.now, timeScale: config.timeScale });
    metrics.trackPending(() => {
      const p = this.queue.pending();
      return { active: p.active.length, backoff: p.backoff.length, unschedulable: p.unschedulable.length, gated: 0 };
    });
  }

  /** One attempt's outcome, timed from the start of its scheduling cycle (to the bind's reply, as upstream). */
  private observe(result: AttemptResult, startedAt: number) {
    this.metrics.attempt(result, this.config.schedulerName, (performance.now() - startedAt) / 1000);
  }

  onApplicationBootstrap() {
    for (const o of this.cluster.store.list('Node')) this.cache.updateNode(o as Node);
    for (const o of this.cluster.store.list('Pod')) this.onPod(o as Pod);
    this.unsubscribe = this.cluster.subscribe((c) => this.onChange(c));
    this.running = true;
    this.loop = this.run();
    this.scheduleResync();
    this.logger.log(`scheduling pods with schedulerName=${this.config.schedulerName}`);
  }

  /**
   * A safety net, like an informer's resync: every pending pod the projection shows that is in no
   * queue and not being scheduled goes back to the queue (e.g. after a request lost in a crash).
   */
  private scheduleResync() {
    this.resyncTimer = setTimeout(() => {
      for (const o of this.cluster.store.list('Pod')) {
        const pod = o as Pod;
        const uid = pod.metadata.uid;
        if (!needsScheduling(pod, this.config.schedulerName) || uid === this.inFlight || this.binding.has(uid) || this.queue.where(pod)) continue;
        this.logger.warn(`re-queueing ${pod.metadata.namespace}/${pod.metadata.name}: pending, but in no queue`);
        this.queue.add(pod);
        this.wake?.();
      }
      if (this.running) this.scheduleResync();
    }, RESYNC_SECONDS * 1000 * this.config.timeScale);
  }

  async onApplicationShutdown() {
    clearTimeout(this.resyncTimer);
    this.running = false;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
    await Promise.all(this.binding.values());
  }

  private onChange(c: Change) {
    const o: KubeObject = c.object;
    if (o.kind === 'Pod') {
      if (c.type === 'DELETED') {
        this.forget(o.metadata.uid);
        if (o.spec.nodeName) this.queue.moveAllToActiveOrBackoff(ClusterEvent.AssignedPodDelete);
      } else this.onPod(o);
    } else if (o.kind === 'Node') {
      if (c.type === 'DELETED') this.cache.removeNode(o.metadata.name);
      else this.cache.updateNode(o);
      this.queue.moveAllToActiveOrBackoff(c.type === 'ADDED' ? ClusterEvent.NodeAdd : ClusterEvent.NodeUpdate);
    } else if (o.kind === 'PersistentVolumeClaim' || o.kind === 'PersistentVolume' || o.kind === 'StorageClass') {
      this.queue.moveAllToActiveOrBackoff(o.kind === 'PersistentVolumeClaim' ? ClusterEvent.PvcChange : o.kind === 'PersistentVolume' ? ClusterEvent.PvChange : ClusterEvent.StorageClassChange);
    }
    this.wake?.();
  }

  private onPod(pod: Pod) {
    this.cache.updatePod(pod);
    if (needsScheduling(pod, this.config.schedulerName)) {
      const uid = pod.metadata.uid;
      // Being bound: the binding cycle requeues it if the bind fails (upstream skips assumed pods' updates).
      if (this.binding.has(uid)) return;
      const relevant = JSON.stringify([pod.spec, pod.metadata.labels, pod.metadata.annotations]);
      if (this.seen.get(uid) === relevant) return;
      this.seen.set(uid, relevant);
      if (this.queue.where(pod)) this.queue.update(pod);
      else this.queue.add(pod);
    } else {
      this.seen.delete(pod.metadata.uid);
      if (pod.spec.nodeName) {
        const placement = JSON.stringify([pod.spec.nodeName, pod.metadata.labels]);
        const before = this.bound.get(pod.metadata.uid);
        if (before !== placement) {
          this.bound.set(pod.metadata.uid, placement);
          this.queue.moveAllToActiveOrBackoff(before === undefined ? ClusterEvent.AssignedPodAdd : ClusterEvent.AssignedPodUpdate);
        }
      }
      this.queue.delete(pod);
      if (pod.metadata.deletionTimestamp || pod.spec.nodeName) this.attempts.delete(pod.metadata.uid);
    }
  }

  private forget(uid: string) {
    this.seen.delete(uid);
    this.bound.delete(uid);
    this.queue.delete(uid);
    this.cache.removePod(uid);
    this.attempts.delete(uid);
  }

  private async run() {
    while (this.running) {
      this.queue.flushBackoffCompleted();
      this.queue.flushUnschedulableLeftover();
      const pod = this.queue.pop();
      if (pod) {
        this.inFlight = pod.metadata.uid;
        await this.scheduleOne(pod).catch((e) => {
          this.logger.error(`scheduling ${pod.metadata.namespace}/${pod.metadata.name}: ${e instanceof Error ? e.message : e}`);
          this.queue.addBackoff(pod, this.bump(pod));
        });
        this.inFlight = undefined;
        // Let bind replies and projection changes in between cycles.
        await new Promise<void>((r) => setImmediate(r));
        while (this.binding.size >= MAX_BINDS_IN_FLIGHT) await Promise.race(this.binding.values());
        continue;
      }
      await this.sleepUntilWoken();
    }
  }

  private sleepUntilWoken(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        clearTimeout(this.timer);
        resolve();
      };
      const at = this.queue.nextWakeAt();
      if (at !== undefined) this.timer = setTimeout(() => this.wake?.(), Math.max(0, at - Date.now()));
    });
  }

  private bump(pod: Pod): number {
    const n = (this.attempts.get(pod.metadata.uid) ?? 0) + 1;
    this.attempts.set(pod.metadata.uid, n);
    return n;
  }

  /** The binding cycle, off the scheduling loop: bind, or forget the assumed pod and back off. */
  private async bind(pod: Pod, node: string, startedAt: number): Promise<void> {
    const { namespace, name, uid } = pod.metadata;
    try {
      // PreBind (VolumeBinding): pre-bind the chosen volumes or ask for provisioning on this node, and wait for the claims.
      const plan = volumePlanFor(pod, node, this.cluster);
      const volumeError = plan && (await preBindVolumes(this.api, this.cluster, pod, node, plan, BIND_TIMEOUT_SECONDS * 1000 * this.config.timeScale));
      if (volumeError) {
        this.observe('error', startedAt);
        this.cache.forgetPod(uid);
        this.logger.warn(`binding ${namespace}/${name} to ${node}: ${volumeError}`);
        this.queue.addBackoff(pod, this.bump(pod));
        this.wake?.();
        return;
      }
      const reply = await this.api.bindPod({ namespace, name, uid, node });
      this.observe(reply.ok ? 'scheduled' : 'error', startedAt);
      if (reply.ok) {
        this.queue.done(pod);
        this.attempts.delete(uid);
        return;
      }
      this.cache.forgetPod(uid);
      if (reply.status.code === 404) return this.queue.done(pod);
      this.logger.warn(`binding ${namespace}/${name} to ${node}: ${reply.status.message}`);
      this.queue.addBackoff(pod, this.bump(pod));
    } catch (e) {
      this.observe('error', startedAt);
      // The binding may or may not have happened (a lost reply): forget the assumption; the
      // projection says which, and a retry is refused by the apiserver if it did.
      this.logger.error(`binding ${namespace}/${name} to ${node}: ${e instanceof Error ? e.message : e}`);
      this.cache.forgetPod(uid);
      this.queue.addBackoff(pod, this.bump(pod));
    }
    this.wake?.();
  }

  private async scheduleOne(queued: Pod) {
    const pod = this.cluster.store.get({ kind: 'Pod', namespace: queued.metadata.namespace, name: queued.metadata.name }) as Pod | undefined;
    if (!pod || pod.metadata.uid !== queued.metadata.uid || !needsScheduling(pod, this.config.schedulerName)) {
      this.queue.done(queued);
      return;
    }
    const startedAt = performance.now();
    const selector = defaultSpreadSelector(pod, [...this.cluster.store.list('Service')] as Service[], [...this.cluster.store.list('ReplicaSet')] as ReplicaSet[]);
    const result = schedulePod(pod, this.cache.snapshot(), defaultProfile, Math.random, { ...(selector ? { defaultSpreadSelector: selector } : {}), volumes: volumeListers(this.cluster) }, {
      startNodeIndex: this.nextStartNodeIndex,
    });
    const { namespace, name, uid } = pod.metadata;
    switch (result.kind) {
      case 'Scheduled': {
        this.nextStartNodeIndex = result.nextStartNodeIndex;
        this.cache.assumePod({ ...pod, spec: { ...pod.spec, nodeName: result.node } });
        const done = this.bind(pod, result.node, startedAt).finally(() => this.binding.delete(uid));
        this.binding.set(uid, done);
        return;
      }
      case 'Unschedulable': {
        this.observe('unschedulable', startedAt);
        const attempts = this.bump(pod);
        await this.api.markPodUnschedulable({ namespace, name, uid, message: result.message });
        await this.api.recordEvent({
          involvedObject: { kind: 'Pod', namespace, name, uid, apiVersion: 'v1', resourceVersion: pod.metadata.resourceVersion },
          reason: 'FailedScheduling',
          message: result.message,
          type: 'Warning',
          component: this.config.schedulerName,
        });
        this.queue.addUnschedulable(pod, attempts);
        return;
      }
      case 'Error':
        this.observe('error', startedAt);
        this.logger.error(`scheduling ${namespace}/${name}: ${result.message}`);
        this.queue.addBackoff(pod, this.bump(pod));
        return;
      default: {
        const _exhaustive: never = result;
        return _exhaustive;
      }
    }
  }
}
