/**
 * A fake node for PodRuntime specs (not a spec itself): a clock the spec moves, an image cache
 * shared by the node's pods, and pods whose reported status is fed back into the pod object as
 * the apiserver would store it.
 */
import { defaultPod, type ContainerStatus, type Pod } from '@kubesim/api';
import { podStatusString } from '@kubesim/printers';
import { IpAllocator } from './ip-allocator';
import type { KubeletEvent } from './kubelet-event';
import { PodRuntime, type NodeContext, type SyncResult } from './pod-runtime';

export const T0 = Date.parse('2024-05-01T10:00:00Z');
/** Specs run at time scale 0.1, so a forgotten scaling shows as a 10× error. */
export const SCALE = 0.1;
/** Kubernetes seconds → simulated ms at SCALE. */
export const sec = (seconds: number) => Math.round(seconds * 1000 * SCALE);

export class FakeNode {
  now = T0;
  readonly ips = new IpAllocator('10.244.1.0/24');
  readonly ctx: NodeContext = { nodeName: 'node-1', hostIP: '172.18.0.2', timeScale: SCALE, images: new Set(), strictImages: false };

  /** A pod as the apiserver stores it once bound here: `defaultPod` output with `spec.nodeName`. */
  run(name: string, spec: Record<string, unknown>): PodOnNode {
    const pod = defaultPod({ metadata: { name }, spec }, 'default', { uid: `uid-${name}`, now: '2024-05-01T10:00:00Z', suffix: 'xxxxx' });
    return new PodOnNode(this, { ...pod, spec: { ...pod.spec, nodeName: this.ctx.nodeName } });
  }
}

export class PodOnNode {
  readonly runtime: PodRuntime;
  readonly events: KubeletEvent[] = [];
  last?: SyncResult;

  constructor(
    readonly node: FakeNode,
    public pod: Pod,
    runtimeSurvived = false,
  ) {
    this.runtime = new PodRuntime(pod, runtimeSurvived);
  }

  /** The kubelet restarted: a new PodRuntime for the pod as stored; the container runtime kept its containers or not. */
  afterKubeletRestart(runtimeSurvived: boolean): PodOnNode {
    return new PodOnNode(this.node, this.pod, runtimeSurvived);
  }

  /** One sync at the node's clock; its status becomes the pod's status. */
  sync(): SyncResult {
    const r = this.runtime.sync(this.pod, this.node.now, this.node.ctx, () => this.node.ips.allocate());
    this.pod = { ...this.pod, status: r.status };
    this.events.push(...r.events);
    this.last = r;
    return r;
  }

  /** Moves the clock to when the runtime asked to be woken, and syncs. */
  wake(): SyncResult {
    const at = this.last?.nextWakeAt;
    if (at === undefined) throw new Error(`${this.pod.metadata.name}: the runtime asked for no wake-up`);
    this.node.now = Math.max(this.node.now, at);
    return this.sync();
  }

  /** Wakes until `done` holds (at most 20 times): the way the kubelet's timer drives a pod. */
  wakeUntil(done: (p: PodOnNode) => boolean): SyncResult {
    for (let i = 0; i < 20; i++) {
      const r = this.wake();
      if (done(this)) return r;
    }
    throw new Error(`${this.pod.metadata.name}: still ${this.status} after 20 wake-ups`);
  }

  /** Lets the kubelet's timer drive the pod up to `at` (every wake-up on the way), then syncs at `at`. */
  advanceTo(at: number): SyncResult {
    for (let i = 0; i < 10_000 && this.last?.nextWakeAt !== undefined && this.last.nextWakeAt <= at; i++) this.wake();
    this.node.now = Math.max(this.node.now, at);
    return this.sync();
  }

  /** Events so far as `reason: message` lines. */
  eventLines(): string[] {
    return this.events.map((e) => `${e.reason}: ${e.message}`);
  }

  /** What the apiserver does on `kubectl delete pod`: a deletion deadline of now + grace. */
  delete(gracePeriodSeconds = this.pod.spec.terminationGracePeriodSeconds): void {
    const deletionTimestamp = new Date(this.node.now + sec(gracePeriodSeconds)).toISOString();
    this.pod = { ...this.pod, metadata: { ...this.pod.metadata, deletionTimestamp, deletionGracePeriodSeconds: gracePeriodSeconds } };
  }

  /** kubectl's STATUS column. */
  get status(): string {
    return podStatusString(this.pod);
  }

  container(name: string): ContainerStatus {
    const all = [...(this.pod.status.initContainerStatuses ?? []), ...(this.pod.status.containerStatuses ?? [])];
    const s = all.find((c) => c.name === name);
    if (!s) throw new Error(`no status for container ${name}`);
    return s;
  }

  condition(type: string): string | undefined {
    return this.pod.status.conditions?.find((c) => c.type === type)?.status;
  }
}
