import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { rfc3339, type Node, type Pod } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { evictable, evictionPlan } from './eviction-plan';

interface Work {
  namespace: string;
  name: string;
  at: number;
  /** When this controller first planned it: the start for a taint without `timeAdded`. */
  firstSeen: number;
  timer: NodeJS.Timeout;
}

const COMPONENT = 'taint-eviction-controller';

/**
 * kube-controller-manager's taint-eviction controller: a pod on a node with a NoExecute taint is
 * deleted (gracefully, after a DisruptionTarget condition) at once when it does not tolerate the
 * taint, after its smallest matching tolerationSeconds when it does, never when it tolerates it
 * forever. A taint that goes before the timer fires cancels the deletion. Decisions are in
 * `eviction-plan.ts`; this class only keeps the timers and talks to the apiserver.
 */
@Injectable()
export class TaintEvictionController implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(COMPONENT);
  /** Pod uid → its scheduled deletion. */
  private readonly work = new Map<string, Work>();
  /** Pod uid → evictions in flight, so a pod is not deleted twice. */
  private readonly evicting = new Set<string>();
  private unsubscribe?: () => void;

  constructor(
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(ControllerManagerConfig) private readonly config: ControllerManagerConfig,
  ) {}

  onApplicationBootstrap() {
    this.unsubscribe = this.cluster.subscribe((c) => this.onChange(c));
    for (const o of this.cluster.store.list('Pod')) this.evaluate(o as Pod);
  }

  onApplicationShutdown() {
    this.unsubscribe?.();
    for (const w of this.work.values()) clearTimeout(w.timer);
    this.work.clear();
  }

  private onChange(c: Change) {
    const o = c.object;
    if (o.kind === 'Pod') {
      if (c.type === 'DELETED') this.cancel(o.metadata.uid, false);
      else this.evaluate(o);
    } else if (o.kind === 'Node') {
      for (const p of this.cluster.store.list('Pod')) if ((p as Pod).spec.nodeName === o.metadata.name) this.evaluate(p as Pod);
    }
  }

  private node(name: string): Node | undefined {
    return this.cluster.store.get({ kind: 'Node', namespace: '', name }) as Node | undefined;
  }

  private evaluate(pod: Pod, now = Date.now()) {
    const uid = pod.metadata.uid;
    const nodeName = pod.spec.nodeName;
    if (!nodeName || !evictable(pod, nodeName)) return this.cancel(uid, false);
    const existing = this.work.get(uid);
    const plan = evictionPlan(pod, this.node(nodeName)?.spec.taints, existing ? existing.firstSeen : now, this.config.timeScale);
    switch (plan.kind) {
      case 'Keep':
        return this.cancel(uid, true);
      case 'EvictNow':
        this.cancel(uid, false);
        return void this.evict(pod.metadata.namespace, pod.metadata.name, uid);
      case 'EvictAt': {
        if (existing?.at === plan.at) return;
        this.cancel(uid, false);
        const timer = setTimeout(() => {
          this.work.delete(uid);
          void this.evict(pod.metadata.namespace, pod.metadata.name, uid);
        }, Math.max(0, plan.at - now));
        this.work.set(uid, { namespace: pod.metadata.namespace, name: pod.metadata.name, at: plan.at, firstSeen: existing?.firstSeen ?? now, timer });
        return;
      }
      default: {
        const _exhaustive: never = plan;
        return _exhaustive;
      }
    }
  }

  /** Drops a scheduled deletion; `withEvent` when the taint went away (upstream's cancelWorkWithEvent). */
  private cancel(uid: string, withEvent: boolean) {
    const w = this.work.get(uid);
    if (!w) return;
    clearTimeout(w.timer);
    this.work.delete(uid);
    if (withEvent) void this.event(w.namespace, w.name, uid, `Cancelling deletion of Pod ${w.namespace}/${w.name}`);
  }

  private async evict(namespace: string, name: string, uid: string) {
    if (this.evicting.has(uid)) return;
    this.evicting.add(uid);
    try {
      const pod = this.cluster.store.get({ kind: 'Pod', namespace, name }) as Pod | undefined;
      if (!pod || pod.metadata.uid !== uid || !pod.spec.nodeName || !evictable(pod, pod.spec.nodeName)) return;
      const taints = (this.node(pod.spec.nodeName)?.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
      const cause = `taint-eviction: ${pod.spec.nodeName} has ${taints.map((t) => `${t.key}:NoExecute`).join(', ')}`;
      const condition = { type: 'DisruptionTarget', status: 'True' as const, lastProbeTime: null, lastTransitionTime: rfc3339(Date.now()), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };
      const c = await this.api.setPodCondition({ namespace, name, uid, condition, cause });
      if (!c.ok) return void (c.status.code !== 404 && this.logger.warn(`DisruptionTarget on ${namespace}/${name}: ${c.status.message}`));
      await this.event(namespace, name, uid, `Marking for deletion Pod ${namespace}/${name}`);
      const d = await this.api.deletePod({ namespace, name, uid, cause });
      if (!d.ok && d.status.code !== 404) this.logger.warn(`deleting ${namespace}/${name}: ${d.status.message}`);
      else this.logger.log(`${cause}: deleted ${namespace}/${name}`);
    } catch (e) {
      this.logger.error(`evicting ${namespace}/${name}: ${e instanceof Error ? e.message : e}`);
    } finally {
      this.evicting.delete(uid);
    }
  }

  private async event(namespace: string, name: string, uid: string, message: string) {
    const r = await this.api
      .recordEvent({ involvedObject: { kind: 'Pod', namespace, name, uid, apiVersion: 'v1' }, type: 'Normal', reason: 'TaintManagerEviction', message, component: COMPONENT })
      .catch((e: unknown) => ({ ok: false as const, status: { message: String(e) } }));
    if (!r.ok) this.logger.warn(`recording TaintManagerEviction: ${r.status.message}`);
  }
}
