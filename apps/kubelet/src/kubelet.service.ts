import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { rfc3339Micro, type Node, type Pod, type PodStatus, type Service } from '@kubesim/api';
import { ApiClient, NATS_CONNECTION } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Leases, Projection } from '@kubesim/eventlog';
import { scaledMs, withEgress } from '@kubesim/runtime';
import type { NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { KubeletConfig } from './kubelet.config';
import { nodeIP, nodeObject, readyCondition } from './node-object';
import { IpAllocator } from './sync/ip-allocator';
import { imageKey, PodRuntime, type NodeContext } from './sync/pod-runtime';
import { phaseCause } from './sync/phase-cause';
import { clusterNetwork } from './sync/cluster-network';
import type { ProxiedSlice } from './sync/service-proxy';
import { withPodDns } from './sync/pod-dns';
import { PodIoServer } from './pod-io.server';
import { PersistentVolumeStore } from './persistent-volumes';
import { overwrittenByOthers } from './sync/reconcile';
import { runtimeListing } from './sync/runtime-listing';

/** Lease renewal period and duration (kubelet defaults: renew every 10 s, 40 s lease). */
export const LEASE_RENEW_SECONDS = 10;
export const LEASE_DURATION_SECONDS = 40;

interface Worker {
  runtime: PodRuntime;
  namespace: string;
  name: string;
  timer?: NodeJS.Timeout;
  chain: Promise<void>;
  queued: boolean;
  reported?: string;
  removing: boolean;
}

/**
 * One node: registers it, renews its lease, and runs the pods bound to it on the simulated
 * runtime, reporting their status and events through the apiserver.
 */
@Injectable()
export class KubeletService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly workers = new Map<string, Worker>();
  private readonly ctx: NodeContext;
  private ips?: IpAllocator;
  private leases?: Leases;
  private leaseTimer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private stopped = false;
  /** Cut off from NATS (a pooled node's partition): no lease, no status, no changes seen; containers run on. */
  private partitioned = false;
  private reportingReady = false;
  private io?: PodIoServer;
  private pvs?: PersistentVolumeStore;
  private pvTimer?: NodeJS.Timeout;
  /** This kubelet restarted within the same boot: the runtime kept the pods' containers. */
  private runtimeSurvived = false;

  constructor(
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(KubeletConfig) private readonly config: KubeletConfig,
  ) {
    this.logger = new Logger(`kubelet/${config.nodeName}`);
    const objects = { services: () => this.cluster.store.list('Service') as Iterable<Service>, pods: () => this.cluster.store.list('Pod') as Iterable<Pod>, endpointSlices: () => this.cluster.store.list('EndpointSlice') as Iterable<ProxiedSlice> };
    const network = withPodDns(
      withEgress(
        clusterNetwork(objects, (ip, port) => this.localListener(ip, port), config.nodeName),
        { offline: config.offline },
      ),
      objects,
    );
    this.ctx = { nodeName: config.nodeName, hostIP: nodeIP(config), timeScale: config.timeScale, images: new Set(config.preloadedImages.split(',').filter(Boolean).map(imageKey)), strictImages: config.strictImages, cluster: network, objects: (kind, namespace, name) => this.cluster.store.get({ kind, namespace, name }) };
  }

  async onApplicationBootstrap() {
    this.leases = await Leases.open(this.nc);
    const pvs = (this.pvs = await PersistentVolumeStore.open(this.nc));
    this.ctx.persistentVolume = (name) => pvs.get(name, () => this.kickAll());
    const flush = () => void (this.partitioned ? Promise.resolve() : pvs.flush()).catch((e) => this.logger.warn(`saving volumes: ${e instanceof Error ? e.message : e}`)).finally(() => !this.stopped && (this.pvTimer = setTimeout(flush, 1000)));
    this.pvTimer = setTimeout(flush, 1000);
    await this.register();
    await this.renewLease();
    this.unsubscribe = this.cluster.subscribe((c) => this.onChange(c));
    this.serveIo();
    for (const o of this.cluster.store.list('Pod')) this.onPod(o as Pod);
    this.logger.log(`node ${this.config.nodeName} registered (pod CIDR ${this.node()?.spec.podCIDR})`);
  }

  async onApplicationShutdown() {
    this.halt();
    await this.pvs?.flush().catch(() => undefined);
  }

  /**
   * The node is lost at once (a pooled node killed, as SIGKILL does to a kubelet process): every
   * timer cleared, nothing said to anyone, nothing saved.
   */
  halt() {
    this.stopped = true;
    clearTimeout(this.leaseTimer);
    clearTimeout(this.pvTimer);
    this.unsubscribe?.();
    this.io?.close();
    this.io = undefined;
    for (const w of this.workers.values()) clearTimeout(w.timer);
  }

  /**
   * A pooled node's partition (its pool's NATS connection is shared, so the cable is cut here):
   * the lease is not renewed, no status is reported, changes are not seen and logs/exec/ps are not
   * answered; the containers keep running on the runtime.
   */
  partition() {
    this.partitioned = true;
    this.io?.close();
    this.io = undefined;
  }

  /** The partition ends: serve logs/exec/ps again, renew the lease now and re-sync every pod with what changed meanwhile. */
  heal() {
    if (!this.partitioned) return;
    this.partitioned = false;
    if (this.stopped) return;
    this.serveIo();
    clearTimeout(this.leaseTimer);
    void this.renewLease();
    for (const o of this.cluster.store.list('Pod')) this.onPod(o as Pod);
    this.kickAll(); // workers whose pod went away meanwhile end in sync()
  }

  private serveIo() {
    this.io = new PodIoServer(this.nc, this.config.nodeName, (ns, name) => this.podAndRuntime(ns, name), this.logger, () => this.runtimeListing());
  }

  /** What listens at ip:port in a pod of this node. */
  private localListener(ip: string, port: number) {
    for (const w of this.workers.values()) {
      if (w.runtime.sandbox?.ip !== ip) continue;
      const l = w.runtime.sandbox.network.listeners.get(port);
      return l?.alive() ? l : undefined;
    }
    return undefined;
  }

  /** The node's sandboxes and containers, for `kubesim node ps`. */
  private runtimeListing() {
    const pods = [...this.workers.values()].flatMap((w) => {
      const pod = this.cluster.store.get({ kind: 'Pod', namespace: w.namespace, name: w.name }) as Pod | undefined;
      return pod ? [{ pod, runtime: w.runtime }] : [];
    });
    return runtimeListing(pods);
  }

  /** The pod object and its runtime, for logs and exec; brings its processes up to now first. */
  private podAndRuntime(namespace: string, name: string) {
    const pod = this.cluster.store.get({ kind: 'Pod', namespace, name }) as Pod | undefined;
    const w = pod && this.workers.get(pod.metadata.uid);
    if (!pod || !w) return undefined;
    return { pod, runtime: w.runtime, kick: () => this.kick(pod.metadata.uid) };
  }

  private nodeRef() {
    return { kind: 'Node', name: this.config.nodeName, uid: this.node()?.metadata.uid ?? this.config.nodeName, apiVersion: 'v1' };
  }

  private node(): Node | undefined {
    return this.cluster.store.get({ kind: 'Node', namespace: '', name: this.config.nodeName }) as Node | undefined;
  }

  /** Registers the Node (retrying until the apiserver answers) and learns its pod CIDR. */
  private async register() {
    const node = nodeObject(this.config, Date.now(), randomUUID());
    const before = this.node()?.status.nodeInfo?.bootID;
    this.runtimeSurvived = Boolean(this.config.bootId) && before === this.config.bootId;
    for (;;) {
      try {
        const r = await this.api.registerNode({ node });
        if (!r.ok) throw new Error(r.status.message);
        await this.cluster.waitFor(Number(r.resourceVersion));
        break;
      } catch (e) {
        this.logger.warn(`registering node: ${e instanceof Error ? e.message : e}; retrying`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    this.ips = new IpAllocator(this.node()!.spec.podCIDR!);
    this.ctx.allocatable = this.node()!.status.allocatable as Record<string, string> | undefined;
    this.ctx.nodeUid = this.node()!.metadata.uid;
    await this.event(this.nodeRef(), 'Normal', 'Starting', 'Starting kubelet.');
    // setNodeStatusInfo: a node that reported another boot before has been rebooted.
    const boot = node.status.nodeInfo.bootID;
    if (before && before !== boot) await this.event(this.nodeRef(), 'Warning', 'Rebooted', `Node ${this.config.nodeName} has been rebooted, boot id: ${boot}`);
  }

  private async renewLease() {
    if (this.stopped) return;
    if (this.partitioned) {
      this.leaseTimer = setTimeout(() => void this.renewLease(), scaledMs(LEASE_RENEW_SECONDS, this.config.timeScale));
      return;
    }
    try {
      await this.leases!.renew(this.config.nodeName, { holderIdentity: this.config.nodeName, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: rfc3339Micro(Date.now()) });
      // Like the kubelet's status loop: a node marked NotReady while this kubelet was cut off
      // (or whose Ready post failed on reconnect) gets Ready again once the lease renews.
      const node = this.node();
      if (node) void this.ensureReady(node);
    } catch (e) {
      this.logger.warn(`renewing lease: ${e instanceof Error ? e.message : e}`);
    }
    this.leaseTimer = setTimeout(() => void this.renewLease(), scaledMs(LEASE_RENEW_SECONDS, this.config.timeScale));
  }

  private onChange(c: Change) {
    if (this.partitioned) return; // seen on heal
    const o = c.object;
    if (o.kind === 'Pod') {
      if (c.type === 'DELETED') this.onPodGone(o.metadata.uid);
      else this.onPod(o);
    } else if (o.kind === 'Node' && o.metadata.name === this.config.nodeName && c.type !== 'DELETED') {
      void this.ensureReady(o);
    }
  }

  /** The node controller marked this node NotReady while it was cut off: post Ready again. */
  private async ensureReady(node: Node) {
    const ready = node.status.conditions.find((c) => c.type === 'Ready');
    if (ready?.status === 'True' || this.reportingReady || this.stopped || this.partitioned) return;
    this.reportingReady = true;
    try {
      // Renew first: a Ready posted with a lease the controller still sees as stale flips back.
      await this.leases!.renew(this.config.nodeName, { holderIdentity: this.config.nodeName, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: rfc3339Micro(Date.now()) });
      const cause = `${this.config.nodeName} kubelet is posting status again`;
      // The pressures went Unknown with Ready: post them first, so Ready=True comes with them.
      for (const condition of nodeObject(this.config, Date.now(), '').status.conditions.filter((c) => c.type !== 'Ready')) {
        if (node.status.conditions.find((c) => c.type === condition.type)?.status !== condition.status) await this.api.setNodeCondition({ name: this.config.nodeName, condition, cause });
      }
      const r = await this.api.setNodeCondition({ name: this.config.nodeName, condition: readyCondition(Date.now()), cause });
      if (r.ok) await this.event(this.nodeRef(), 'Normal', 'NodeReady', `Node ${this.config.nodeName} status is now: NodeReady`);
    } catch (e) {
      this.logger.warn(`posting Ready: ${e instanceof Error ? e.message : e}`);
    } finally {
      this.reportingReady = false;
    }
  }

  private onPod(pod: Pod) {
    if (pod.spec.nodeName !== this.config.nodeName) return;
    const uid = pod.metadata.uid;
    if (!this.workers.has(uid)) {
      if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') {
        if (!pod.metadata.deletionTimestamp) return; // finished before this kubelet started
      }
      this.workers.set(uid, { runtime: new PodRuntime(pod, this.runtimeSurvived), namespace: pod.metadata.namespace, name: pod.metadata.name, chain: Promise.resolve(), queued: false, removing: false });
    }
    this.kick(uid);
  }

  /** The API object is gone (force delete, or our own final delete): stop everything locally. */
  private onPodGone(uid: string) {
    const w = this.workers.get(uid);
    if (!w) return;
    clearTimeout(w.timer);
    if (w.runtime.sandbox) this.ips?.release(w.runtime.sandbox.ip);
    this.workers.delete(uid);
    if (w.runtime.sandbox?.podVolumes.claims.size) {
      const inUse = new Set([...this.workers.values()].flatMap((o) => [...(o.runtime.sandbox?.podVolumes.claims.values() ?? [])]));
      void this.pvs?.release(inUse).catch((e) => this.logger.warn(`saving volumes: ${e instanceof Error ? e.message : e}`));
    }
  }

  private kickAll() {
    for (const uid of this.workers.keys()) this.kick(uid);
  }

  private kick(uid: string) {
    const w = this.workers.get(uid);
    if (!w || w.queued) return;
    w.queued = true;
    w.chain = w.chain
      .then(() => {
        w.queued = false;
        return this.sync(uid, w);
      })
      .catch((e) => {
        this.logger.error(`syncing ${w.namespace}/${w.name}: ${e instanceof Error ? e.message : e}`);
        clearTimeout(w.timer);
        w.timer = setTimeout(() => this.kick(uid), 1000);
      });
  }

  private allocateFor(pod: Pod): () => string | { error: string } {
    return () => {
      const previous = pod.status.podIP;
      if (previous && this.ips!.contains(previous)) {
        this.ips!.reserve(previous);
        return previous;
      }
      return this.ips!.allocate();
    };
  }

  private async sync(uid: string, w: Worker) {
    if (this.stopped || this.partitioned || this.workers.get(uid) !== w) return;
    const pod = this.cluster.store.get({ kind: 'Pod', namespace: w.namespace, name: w.name }) as Pod | undefined;
    if (!pod || pod.metadata.uid !== uid) return this.onPodGone(uid);
    const now = Date.now();
    const r = w.runtime.sync(pod, now, this.ctx, this.allocateFor(pod));
    // A sync's events go out together (requests in order on one connection: the apiserver decides
    // them in that order), not one round trip after another; the status follows once all are recorded.
    await Promise.all(r.events.map((e) => this.event({ kind: 'Pod', namespace: w.namespace, name: w.name, uid, apiVersion: 'v1', ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}) }, e.type, e.reason, e.message)));
    const json = JSON.stringify(r.status);
    // Someone else changed the pod's status while this kubelet was cut off (the node controller's
    // NodeLost / Ready=False): report the real status again (semantics §9.5).
    const back = overwrittenByOthers(pod.status, r.status as PodStatus);
    if (back) w.reported = undefined;
    if (this.stopped || this.partitioned) return; // killed or cut off while its events went out
    if (json !== w.reported) {
      const reply = await this.api.reportPodStatus({ namespace: w.namespace, name: w.name, uid, node: this.config.nodeName, status: r.status as PodStatus, cause: back ? `${this.config.nodeName} kubelet is back: reporting the pod's real status` : phaseCause(pod.status, r.status) });
      if (reply.ok) w.reported = json;
      else if (reply.status.code === 404 || reply.status.code === 409) return this.onPodGone(uid);
      else throw new Error(reply.status.message);
    }
    if (r.finished && !w.removing) {
      w.removing = true;
      const reply = await this.api.deletePod({ namespace: w.namespace, name: w.name, uid, gracePeriodSeconds: 0, cause: 'all containers stopped' });
      if (!reply.ok && reply.status.code !== 404) {
        w.removing = false;
        throw new Error(reply.status.message);
      }
    }
    clearTimeout(w.timer);
    if (r.nextWakeAt !== undefined) w.timer = setTimeout(() => this.kick(uid), Math.max(0, r.nextWakeAt - Date.now()));
  }

  private async event(involvedObject: { kind: string; name: string; namespace?: string; uid?: string; apiVersion?: string; fieldPath?: string }, type: 'Normal' | 'Warning', reason: string, message: string) {
    const r = await this.api.recordEvent({ involvedObject, type, reason, message, component: 'kubelet', host: this.config.nodeName });
    if (!r.ok) this.logger.warn(`recording event ${reason}: ${r.status.message}`);
  }
}
