import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ConditionStatus, Node, Pod } from '@kubesim/api';
import { ApiClient, NATS_CONNECTION } from '@kubesim/cluster-client';
import { Leases, Projection } from '@kubesim/eventlog';
import type { NatsConnection } from 'nats';
import { ControllerManagerConfig } from '../controller-manager.config';
import { podsToMark } from './lost-pods';
import { staleConditions } from './node-health';
import { conditionTaintChanges, readyStatus } from './node-taints';

/**
 * kube-controller-manager's node-lifecycle controller: watches node leases (a KV bucket, out of
 * the main log) and, every monitor period, turns a node whose lease is older than the grace
 * period `Ready=Unknown` (kubectl: NotReady) with a NodeNotReady event; keeps the unreachable /
 * not-ready taints in step with the Ready condition (adding and removing them); marks the pods
 * of a node that is not Ready (`Ready=False`, and phase Unknown / NodeLost with the legacy policy).
 */
@Injectable()
export class NodeLifecycleController implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('node-lifecycle-controller');
  /** Node → when this controller last saw its lease renewed (its own clock). */
  private readonly observed = new Map<string, number>();
  private readonly started = Date.now();
  private stopWatch?: () => void;
  private timer?: NodeJS.Timeout;
  private stopped = false;

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

  /** One monitor pass over every node. */
  async monitor(now = Date.now()) {
    const s = this.config.timeScale * 1000;
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
      await this.reconcileTaints(node, ready, now, ready === 'Unknown' ? cause : `${name} is Ready=${ready}`);
      await this.markPods(name, ready, ready === 'Unknown' ? cause : `${name} is Ready=${ready}`);
    }
  }

  /** The unreachable / not-ready taints follow the Ready condition. */
  private async reconcileTaints(node: Node, ready: ConditionStatus, now: number, cause: string) {
    const name = node.metadata.name;
    const { add, remove } = conditionTaintChanges(node, ready, now);
    if (add.length > 0) {
      const r = await this.api.taintNode({ name, taints: add, cause });
      if (!r.ok) this.logger.warn(`tainting ${name}: ${r.status.message}`);
    }
    if (remove.length > 0) {
      const r = await this.api.untaintNode({ name, taints: remove, cause: `${name} is Ready again` });
      if (!r.ok) this.logger.warn(`untainting ${name}: ${r.status.message}`);
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
