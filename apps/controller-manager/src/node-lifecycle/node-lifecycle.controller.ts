import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ConditionStatus, Node, Pod } from '@kubesim/api';
import { ApiClient, NATS_CONNECTION } from '@kubesim/cluster-client';
import { Leases, Projection } from '@kubesim/eventlog';
import type { NatsConnection } from 'nats';
import { ControllerManagerConfig } from '../controller-manager.config';
import { podsToMark } from './lost-pods';
import { staleConditions } from './node-health';
import { conditionTaintChanges, readyStatus, splitRateLimited, TAINT_NOT_READY, TAINT_UNREACHABLE } from './node-taints';
import {
  EMPTY_TAINTING_STATE,
  handleDisruption,
  markForTainting,
  markReachable,
  nextTokenAt,
  takeTaintable,
  zoneOf,
  type DisruptionAction,
  type EvictionSettings,
  type NodeHealth,
  type TaintingState,
} from './zone-disruption';

/**
 * kube-controller-manager's node-lifecycle controller: watches node leases (a KV bucket, out of
 * the main log) and, every monitor period, turns a node whose lease is older than the grace
 * period `Ready=Unknown` (kubectl: NotReady) with a NodeNotReady event; keeps the unreachable /
 * not-ready taints in step with the Ready condition (adding and removing them); marks the pods
 * of a node that is not Ready (`Ready=False`, and phase Unknown / NodeLost with the legacy policy).
 * New NoExecute taints go through each zone's rate limiter (`zone-disruption.ts`): 0.1 node/s,
 * slower or stopped in a zone mostly down, none at all while every zone is down.
 */
@Injectable()
export class NodeLifecycleController implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('node-lifecycle-controller');
  /** Node → when this controller last saw its lease renewed (its own clock). */
  private readonly observed = new Map<string, number>();
  private readonly started = Date.now();
  private stopWatch?: () => void;
  private timer?: NodeJS.Timeout;
  private taintTimer?: NodeJS.Timeout;
  private stopped = false;
  private tainting: TaintingState = EMPTY_TAINTING_STATE;
  /** Why each node waiting in a tainting queue is to be tainted (its monitor pass's cause). */
  private readonly taintCauses = new Map<string, string>();

  constructor(
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(ControllerManagerConfig) private readonly config: ControllerManagerConfig,
  ) {}

  async onApplicationBootstrap() {
    const leases = await Leases.open(this.nc);
    this.stopWatch = await leases.watch((node) => this.observed.set(node, Date.now()));
    this.schedule();
    this.logger.log(`monitoring nodes every ${this.config.nodeMonitorPeriodSeconds}s (grace ${this.config.nodeMonitorGracePeriodSeconds}s, time scale ${this.config.timeScale})`);
  }

  onApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.taintTimer);
    this.stopWatch?.();
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.monitor()
        .catch((e) => this.logger.error(`monitor pass: ${e instanceof Error ? e.message : e}`))
        .finally(() => this.schedule());
    }, this.config.nodeMonitorPeriodSeconds * 1000 * this.config.timeScale);
  }

  private get evictionSettings(): EvictionSettings {
    const c = this.config;
    return {
      evictionRate: c.nodeEvictionRate,
      secondaryEvictionRate: c.secondaryNodeEvictionRate,
      unhealthyZoneThreshold: c.unhealthyZoneThreshold,
      largeClusterSizeThreshold: c.largeClusterSizeThreshold,
      timeScale: c.timeScale,
    };
  }

  /** One monitor pass over every node, then the zones' disruption states and the rate-limited tainting. */
  async monitor(now = Date.now()) {
    const s = this.config.timeScale * 1000;
    const health: NodeHealth[] = [];
    const later: (() => Promise<void>)[] = [];
    for (const o of this.cluster.store.list('Node')) {
      const node = o as Node;
      const name = node.metadata.name;
      const last = this.observed.get(name);
      const stale = staleConditions(node, last, this.started, now, {
        gracePeriodMs: this.config.nodeMonitorGracePeriodSeconds * s,
        startupGracePeriodMs: this.config.nodeStartupGracePeriodSeconds * s,
      });
      const ago = last === undefined ? 'never renewed' : `last renewed ${Math.round((now - last) / 1000)}s ago`;
      const cause = `${name} lease expired (${ago})`;
      for (const condition of stale) {
        const r = await this.api.setNodeCondition({ name, condition, cause });
        if (!r.ok) this.logger.warn(`setting ${condition.type} on ${name}: ${r.status.message}`);
      }
      if (stale.some((c) => c.type === 'Ready')) {
        this.logger.log(`${cause}: ${name} is NotReady`);
        await this.api.recordEvent({
          involvedObject: { kind: 'Node', name, uid: node.metadata.uid, apiVersion: 'v1' },
          type: 'Normal',
          reason: 'NodeNotReady',
          message: `Node ${name} status is now: NodeNotReady`,
          component: 'node-controller',
        });
      }
      const ready = stale.find((c) => c.type === 'Ready')?.status ?? readyStatus(node);
      health.push({ name, zone: zoneOf(node), ready });
      const after = await this.reconcileTaints(node, ready, now, ready === 'Unknown' ? cause : `${name} is Ready=${ready}`);
      if (after) later.push(after);
      await this.markPods(name, ready, ready === 'Unknown' ? cause : `${name} is Ready=${ready}`);
    }
    const { state, actions } = handleDisruption(this.tainting, health, now, this.evictionSettings);
    this.tainting = state;
    for (const a of actions) await this.onDisruption(a);
    // This pass's verdicts, not the projection's: it may not show the conditions just written yet.
    await this.taintingPass(now, new Map(health.map((h) => [h.name, h.ready])));
    for (const f of later) await f();
  }

  /**
   * The taints follow the Ready condition: removals and NoSchedule taints at once, a new NoExecute
   * taint once the node's zone limiter allows it (`taintingPass`). For a node that waits, its
   * NoSchedule taints are returned to be added after this pass's tainting, so a node tainted at
   * once lists `NoExecute` before `NoSchedule`, as on a real cluster.
   */
  private async reconcileTaints(node: Node, ready: ConditionStatus, now: number, cause: string): Promise<(() => Promise<void>) | undefined> {
    const name = node.metadata.name;
    const { now: changes, limited } = splitRateLimited(conditionTaintChanges(node, ready, now));
    const add = async () => {
      if (changes.add.length === 0) return;
      const r = await this.api.taintNode({ name, taints: changes.add, cause });
      if (!r.ok) this.logger.warn(`tainting ${name}: ${r.status.message}`);
    };
    // Added before the other key's are removed, so a swap never leaves the node without one.
    if (!limited) await add();
    if (changes.remove.length > 0) {
      const r = await this.api.untaintNode({ name, taints: changes.remove, cause: `${name} is Ready again` });
      if (!r.ok) this.logger.warn(`untainting ${name}: ${r.status.message}`);
    }
    if (ready === 'True') this.tainting = markReachable(this.tainting, zoneOf(node), name);
    if (!limited) return undefined;
    this.tainting = markForTainting(this.tainting, zoneOf(node), name, now, this.evictionSettings);
    this.taintCauses.set(name, cause);
    return add;
  }

  private async onDisruption(a: DisruptionAction) {
    switch (a.type) {
      case 'EnterMasterDisruption':
        this.logger.warn('Controller detected that all Nodes are not-Ready. Entering master disruption mode');
        for (const o of this.cluster.store.list('Node')) {
          const node = o as Node;
          const remove = (node.spec.taints ?? []).filter((t) => t.effect === 'NoExecute' && (t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY));
          if (remove.length === 0) continue;
          const r = await this.api.untaintNode({
            name: node.metadata.name,
            taints: remove.map(({ key, effect }) => ({ key, effect })),
            cause: 'every zone is fully disrupted: evictions stop',
          });
          if (!r.ok) this.logger.warn(`untainting ${node.metadata.name}: ${r.status.message}`);
        }
        return;
      case 'ExitMasterDisruption':
        this.logger.log('Controller detected that some Nodes are Ready. Exiting master disruption mode');
        return;
      case 'ZoneStateChanged':
        this.logger.log(`Controller detected that zone "${a.zone}" is now in state ${a.to}`);
        return;
      default: {
        const _exhaustive: never = a;
        return _exhaustive;
      }
    }
  }

  /** Taints the nodes whose zone limiter has a token (those still not Ready), then waits for the next token. */
  private async taintingPass(now = Date.now(), readiness?: ReadonlyMap<string, ConditionStatus>) {
    clearTimeout(this.taintTimer);
    const { state, nodes } = takeTaintable(this.tainting, now);
    this.tainting = state;
    for (const name of nodes) {
      const node = this.cluster.store.get({ kind: 'Node', namespace: '', name }) as Node | undefined;
      if (!node) {
        this.taintCauses.delete(name);
        continue;
      }
      const ready = readiness?.get(name) ?? readyStatus(node);
      // A node Ready again by now gets no taint (upstream: "it's ready now. Ignoring taint request").
      const exec = conditionTaintChanges(node, ready, now).add.filter((t) => t.effect === 'NoExecute');
      if (exec.length === 0) continue;
      const cause = this.taintCauses.get(name) ?? `${name} is Ready=${ready}`;
      this.taintCauses.delete(name);
      const r = await this.api.taintNode({ name, taints: exec, cause });
      if (!r.ok) this.logger.warn(`tainting ${name}: ${r.status.message}`);
    }
    const at = nextTokenAt(this.tainting);
    if (at !== undefined && !this.stopped) {
      this.taintTimer = setTimeout(() => {
        this.taintingPass().catch((e) => this.logger.error(`tainting pass: ${e instanceof Error ? e.message : e}`));
      }, Math.max(0, at - Date.now()));
    }
  }

  /** MarkPodsNotReady, and by default the NodeLost phase (docs/decisions.md). */
  private async markPods(name: string, ready: ConditionStatus, cause: string) {
    for (const { pod, policy } of podsToMark(name, ready, this.cluster.store.list('Pod') as Iterable<Pod>, this.config.nodeLostPolicy)) {
      const { namespace, name: podName, uid } = pod.metadata;
      const r = await this.api.markPodNodeLost({ namespace, name: podName, uid, node: name, policy, cause });
      if (!r.ok) {
        if (r.status.code !== 404) this.logger.warn(`marking ${namespace}/${podName} not ready: ${r.status.message}`);
        continue;
      }
      await this.api.recordEvent({
        involvedObject: { kind: 'Pod', namespace, name: podName, uid, apiVersion: 'v1' },
        type: 'Warning',
        reason: 'NodeNotReady',
        message: 'Node is not ready',
        component: 'node-controller',
      });
    }
  }
}
