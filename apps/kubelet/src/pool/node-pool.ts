import { Logger } from '@nestjs/common';
import type { PoolControlReply, PoolControlRequest } from '@kubesim/api';
import type { ApiClient } from '@kubesim/cluster-client';
import type { Projection } from '@kubesim/eventlog';
import type { NatsConnection } from 'nats';
import type { KubeletConfig } from '../kubelet.config';
import { KubeletService } from '../kubelet.service';
import { decidePoolNode, initialPoolNodeState, type PoolNodeEffect, type PoolNodeState } from './pool-node-state';
import { poolNodeConfig } from './pool.config';

/** What the nodes of a pool share: one NATS connection, one projection of the cluster, one apiserver client. */
export interface PoolShared {
  nc: NatsConnection;
  projection: Projection;
  api: ApiClient;
}

interface PoolNode {
  config: KubeletConfig;
  state: PoolNodeState;
  service?: KubeletService;
  /** Requests for one node run one after the other. */
  chain: Promise<unknown>;
}

/**
 * The nodes of one kubelet process: each a KubeletService of its own (identity, lease, pod
 * workers, runtime, IP range, logs/exec/ps subjects) over the shared connection and projection.
 */
export class NodePool {
  private readonly nodes = new Map<string, PoolNode>();
  private readonly logger: Logger;

  constructor(
    readonly name: string,
    private readonly shared: PoolShared,
    /** The pool's environment: the `KUBESIM_NODE_*` defaults of a node started by request. */
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.logger = new Logger(`kubelet-pool/${name}`);
  }

  names(): string[] {
    return [...this.nodes.keys()];
  }

  state(name: string): PoolNodeState | undefined {
    return this.nodes.get(name)?.state;
  }

  /** Starts the pool's initial nodes, all at once. */
  async startAll(configs: KubeletConfig[]): Promise<void> {
    await Promise.all(configs.map((c) => this.enqueue(this.entry(c), (n) => this.apply(n, 'start'))));
    this.logger.log(`pool ${this.name}: ${configs.length} nodes started`);
  }

  /** A request from `kubesim up` (see pool-control.server.ts). */
  async handle(r: PoolControlRequest): Promise<PoolControlReply> {
    try {
      if (r.op === 'start') {
        const config = poolNodeConfig(r.node, this.env);
        const known = this.nodes.get(config.nodeName);
        const n = known ?? this.entry(config);
        return await this.enqueue(n, (n) => {
          if (n.state.process === 'stopped') n.config = config; // a killed node comes back with its new boot
          return this.apply(n, 'start');
        });
      }
      const n = this.nodes.get(r.name);
      if (!n) return { ok: false, error: `the kubelet of ${r.name} is not running (pool ${this.name} has not started it)` };
      return await this.enqueue(n, (n) => this.apply(n, r.op));
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** The pool process is stopping (SIGTERM): every node stops gracefully. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.nodes.values()].map((n) => this.enqueue(n, (n) => (n.state.process === 'stopped' ? Promise.resolve(undefined) : this.apply(n, 'stop')))));
  }

  private entry(config: KubeletConfig): PoolNode {
    const n: PoolNode = { config, state: initialPoolNodeState, chain: Promise.resolve() };
    this.nodes.set(config.nodeName, n);
    return n;
  }

  private enqueue<T>(n: PoolNode, f: (n: PoolNode) => Promise<T>): Promise<T> {
    const next = n.chain.then(() => f(n));
    n.chain = next.catch(() => undefined);
    return next;
  }

  private async apply(n: PoolNode, op: Parameters<typeof decidePoolNode>[1]): Promise<PoolControlReply> {
    const d = decidePoolNode(n.state, op, n.config.nodeName);
    if (!d.ok) return d;
    n.state = d.state;
    if (d.effect) await this.carryOut(n, d.effect);
    return { ok: true, message: d.message };
  }

  private async carryOut(n: PoolNode, effect: PoolNodeEffect): Promise<void> {
    switch (effect) {
      case 'boot': {
        const { nc, projection, api } = this.shared;
        const service = (n.service = new KubeletService(projection, api.as(`kubelet/${n.config.nodeName}`), nc, n.config));
        try {
          await service.onApplicationBootstrap();
        } catch (e) {
          service.halt();
          n.service = undefined;
          n.state = { ...n.state, process: 'stopped' };
          throw new Error(`node ${n.config.nodeName} did not start: ${e instanceof Error ? e.message : e}`);
        }
        return;
      }
      case 'shutdown':
        await n.service?.onApplicationShutdown();
        n.service = undefined;
        return;
      case 'halt':
        n.service?.halt();
        n.service = undefined;
        return;
      case 'cut':
        n.service?.partition();
        return;
      case 'reconnect':
        n.service?.heal();
        return;
      default: {
        const _exhaustive: never = effect;
        return _exhaustive;
      }
    }
  }
}
