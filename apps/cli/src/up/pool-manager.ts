import { poolControlSubject, type PoolControlReply, type PoolControlRequest, type PoolNodeSpec } from '@kubesim/api';
import { connectNats } from '@kubesim/eventlog';
import type { NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import type { ChildSpec, Supervisor } from './supervisor';

/** How long a pool gets to carry out a request (a start registers the node first). */
const ANSWER_MS = 30_000;

export const poolChildName = (pool: string) => `kubelet-${pool}`;

export type PoolOp = 'start' | 'stop' | 'kill' | 'partition' | 'heal';

interface ManagedPool {
  name: string;
  /** Each node's identity, with the boot it starts with next. */
  nodes: Map<string, PoolNodeSpec>;
}

/**
 * The kubelet pools of a running `kubesim up`: processes hosting many nodes each. Their nodes are
 * acted on through the pool's control subject over NATS; `kubesim up` keeps each node's boot (a
 * killed node, or every node of a killed pool, gets a new one) and gives it on start.
 */
export class PoolManager {
  private readonly pools = new Map<string, ManagedPool>();
  private readonly poolOf = new Map<string, ManagedPool>();
  private nc?: Promise<NatsConnection>;

  constructor(
    private readonly supervisor: Supervisor,
    private readonly natsUrl: string,
    /** The pool process's spec, hosting these nodes. */
    private readonly poolSpec: (pool: string, nodes: PoolNodeSpec[]) => ChildSpec,
    private readonly changed: () => void,
    /** The broker user `kubesim up` asks pools as (a file; broker-auth.ts). */
    private readonly credentials?: string,
  ) {}

  has(node: string): boolean {
    return this.poolOf.has(node);
  }

  names(): string[] {
    return [...this.poolOf.keys()];
  }

  /** Pool child name → its nodes (for cluster.json and the "lost" message). */
  layout(): Record<string, string[]> {
    return Object.fromEntries([...this.pools.values()].map((p) => [poolChildName(p.name), [...p.nodes.keys()]]));
  }

  /** The nodes hosted by this child process, when it is a pool. */
  nodesOfChild(child: string): string[] | undefined {
    return this.layout()[child];
  }

  /** The pool a node is in and the pool's pid (for messages). */
  where(node: string): string {
    const p = this.poolOf.get(node)!;
    return `in ${poolChildName(p.name)}, pid ${this.supervisor.children.get(poolChildName(p.name))?.process.pid}`;
  }

  alive(pool: string): boolean {
    const c = this.supervisor.children.get(poolChildName(pool));
    return Boolean(c && c.process.exitCode === null && c.process.signalCode === null);
  }

  /** Starts a pool process with these nodes, each on a fresh boot. */
  add(pool: string, nodes: string[]): void {
    const p: ManagedPool = { name: pool, nodes: new Map(nodes.map((name) => [name, { name, bootId: randomUUID() }])) };
    this.pools.set(pool, p);
    for (const n of nodes) this.poolOf.set(n, p);
    this.supervisor.start(this.poolSpec(pool, [...p.nodes.values()]));
    this.changed();
  }

  /** `kubesim node OP NAME` for a pooled node; resolves with what to tell the user. */
  async handle(op: PoolOp, node: string): Promise<string> {
    const p = this.poolOf.get(node)!;
    const spec = p.nodes.get(node)!;
    if (!this.alive(p.name)) {
      if (op !== 'start') throw new Error(`the kubelet of ${node} is not running: its pool ${poolChildName(p.name)} is down (kubesim node start ${node})`);
      // The pool process died (killed, or crashed): it starts again hosting this node alone.
      this.supervisor.start(this.poolSpec(p.name, [spec]));
      this.changed();
      return `node/${node} started (${poolChildName(p.name)} started again, pid ${this.supervisor.children.get(poolChildName(p.name))?.process.pid}; its other nodes start with kubesim node start)`;
    }
    const request: PoolControlRequest = op === 'start' ? { op, node: spec } : { op, name: node };
    const reply = await this.request(p.name, request);
    if (!reply.ok) throw new Error(reply.error);
    if (op === 'kill') p.nodes.set(node, { ...spec, bootId: randomUUID() }); // lost: it boots afresh
    return `${reply.message} — ${this.where(node)}`;
  }

  /** SIGKILL of a pool process: all its nodes are lost at once (a rack failure), each on a new boot next time. */
  killPool(pool: string): { message: string; nodes: string[] } {
    const p = this.pools.get(pool.startsWith('kubelet-') ? pool.slice('kubelet-'.length) : pool);
    if (!p) throw new Error(`no kubelet pool "${pool}" in this cluster (${[...this.pools.keys()].join(', ') || 'it has none'})`);
    const c = this.supervisor.children.get(poolChildName(p.name));
    if (!c || !this.alive(p.name)) throw new Error(`the kubelet pool ${poolChildName(p.name)} is not running`);
    c.process.kill('SIGKILL');
    for (const [name, spec] of p.nodes) p.nodes.set(name, { ...spec, bootId: randomUUID() });
    const nodes = [...p.nodes.keys()];
    return { message: `${poolChildName(p.name)} killed (pid ${c.process.pid}, SIGKILL): its nodes ${nodes.join(', ')} are lost`, nodes };
  }

  private async request(pool: string, r: PoolControlRequest): Promise<PoolControlReply> {
    this.nc ??= connectNats(this.natsUrl, 'kubesim-up', { credentials: this.credentials });
    const nc = await this.nc;
    const m = await nc.request(poolControlSubject(pool), new TextEncoder().encode(JSON.stringify(r)), { timeout: ANSWER_MS }).catch((e: unknown) => {
      throw new Error(`the kubelet pool ${poolChildName(pool)} did not answer: ${e instanceof Error ? e.message : e}`);
    });
    return JSON.parse(new TextDecoder().decode(m.data)) as PoolControlReply;
  }

  async close(): Promise<void> {
    if (this.nc) await (await this.nc).close().catch(() => undefined);
  }
}
