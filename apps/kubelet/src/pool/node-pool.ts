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

/** Nodes registering at once when a pool starts: more only queue up at the apiserver and time out. */
export const BOOT_CONCURRENCY = 8;
/** A node whose start failed (the apiserver too busy to answer) is tried again this often, so many ms apart. */
const BOOT_ATTEMPTS = 5;
const BOOT_RETRY_MS = 2000;

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

  /** Starts the pool's initial nodes, BOOT_CONCURRENCY at a time; one that cannot start does not stop the others. */
  async startAll(configs: KubeletConfig[]): Promise<void> {
    const entries = configs.map((c) => this.entry(c));
    let next = 0;
    const worker = async () => {
      while (next < entries.length) {
        const n = entries[next++];
        const r = await this.enqueue(n, (n) => this.apply(n, 'start')).catch((e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }));
        if (!r.ok) this.logger.error(r.error);
      }
    };
    await Promise.all(Array.from({ length: Math.min(BOOT_CONCURRENCY, entries.length) }, worker));
    this.logger.log(`pool ${this.name}: ${entries.filter((n) => n.state.process === 'running').length} of ${entries.length} nodes started`);
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

  private async boot(n: PoolNode, attempt = 1): Promise<void> {
    const { nc, projection, api } = this.shared;
    const service = (n.service = new KubeletService(projection, api.as(`kubelet/${n.config.nodeName}`), nc, n.config));
    try {
      await service.onApplicationBootstrap();
    } catch (e) {
      service.halt();
      n.service = undefined;
      const why = e instanceof Error ? e.message : String(e);
      if (attempt < BOOT_ATTEMPTS) {
        this.logger.warn(`node ${n.config.nodeName} did not start (${why}); trying again`);
        await new Promise((r) => setTimeout(r, BOOT_RETRY_MS));
        return this.boot(n, attempt + 1);
      }
      n.state = { ...n.state, process: 'stopped' };
      throw new Error(`node ${n.config.nodeName} did not start: ${why}`);
    }
  }

  private async carryOut(n: PoolNode, effect: PoolNodeEffect): Promise<void> {
    switch (effect) {
      case 'boot':
        return this.boot(n);
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
