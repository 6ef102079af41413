import type { AddedNodesFile } from './added-nodes';
import type { ChildSpec, Supervisor } from './supervisor';
import { randomUUID } from 'node:crypto';
import { NatsLink } from './nats-link';
import type { PoolManager } from './pool-manager';

export interface NodeOptions {
  cpu: string;
  memory: string;
  pods: number;
  /** `key=value,key2=value2` */
  labels?: string;
  /** `key=value:NoSchedule,key2:NoExecute` */
  taints?: string;
  /** More resources to advertise: `example.com/foo=2,ephemeral-storage=50Gi` */
  resources?: string;
}

/** How long a kubelet started by `kubesim node add` gets to refuse its settings (it checks them first thing). */
const SETTINGS_CHECK_MS = 2_000;

interface ManagedNode {
  spec: ChildSpec;
  /** One per nats-server: the kubelet is given every server, each through its own cable. */
  links: NatsLink[];
}

/** A request on one node from `kubesim node …`, as the log records it (node-process-action.ts). */
export type NodeActionRequest =
  | { op: 'start' | 'stop' | 'kill' | 'partition' | 'heal'; name: string }
  | ({ op: 'add'; name: string } & Partial<NodeOptions>);

/** A request from `kubesim node …` to the running `kubesim up` (see control-server.ts); `kill-pool` names a pool. */
export type NodeRequest = NodeActionRequest | { op: 'kill-pool'; name: string };

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
export const childName = (node: string) => `kubelet-${node}`;

/**
 * The kubelet's spec on a freshly booted node: a stopped or crashed kubelet started again keeps
 * its boot and finds its pods' containers still running; a killed node (lost, rebooted) gets a new
 * one and its containers are gone.
 */
export const newBoot = (spec: ChildSpec): ChildSpec => ({ ...spec, env: { ...spec.env, KUBESIM_BOOT_ID: randomUUID() } });

/**
 * The kubelets of a running `kubesim up`: each one reaches NATS through its own NatsLink, so a
 * node can be partitioned; they can be stopped (SIGTERM), killed (SIGKILL), started again, and
 * new ones added. None is restarted on its own unless `kubesim up --restart-kubelets`; one stopped or
 * killed by `kubesim node stop|kill` never is. A stopped (or crashed) kubelet started again finds its
 * pods' containers running (same boot); a killed node lost them (a new boot).
 */
export class NodeManager {
  private readonly nodes = new Map<string, ManagedNode>();

  constructor(
    private readonly supervisor: Supervisor,
    /** The nats-servers' client ports (one, or each server of a cluster). */
    private readonly natsPorts: number[],
    private readonly kubeletSpec: (node: string, natsUrl: string, o: NodeOptions) => ChildSpec,
    private readonly defaults: NodeOptions,
    /** Called after every change of the set of processes (cluster.json keeps their pids). */
    private readonly changed: () => void,
    /** Records a user's request, once carried out, in the event log (a resimulation repeats it). */
    private readonly record: (r: NodeActionRequest, cause?: string) => Promise<void> = async () => undefined,
    /** Where nodes added on the running cluster are remembered for the next `kubesim up`. */
    private readonly added?: AddedNodesFile,
    /** The kubelet pools, hosting many nodes per process (node-layout.ts). */
    private readonly pools?: PoolManager,
  ) {}

  names(): string[] {
    return [...(this.pools?.names() ?? []), ...this.nodes.keys()];
  }

  /** Starts a kubelet pool hosting these nodes. */
  addPool(pool: string, nodes: string[]): void {
    if (!this.pools) throw new Error('this cluster has no kubelet pools');
    this.pools.add(pool, nodes);
  }

  running(name: string): boolean {
    const c = this.supervisor.children.get(childName(name));
    return Boolean(c && c.process.exitCode === null && c.process.signalCode === null);
  }

  async add(name: string, o: Partial<NodeOptions> = {}): Promise<string> {
    if (!NAME.test(name)) throw new Error(`invalid node name "${name}": a lowercase RFC 1123 name such as node-4`);
    if (this.nodes.has(name) || this.pools?.has(name)) throw new Error(`node "${name}" already exists in this cluster`);
    const links = this.natsPorts.map((p) => new NatsLink(p));
    const ports = await Promise.all(links.map((l) => l.listen()));
    const spec = newBoot(this.kubeletSpec(name, ports.map((p) => `nats://127.0.0.1:${p}`).join(','), { ...this.defaults, ...definedOnly(o) }));
    this.nodes.set(name, { spec, links });
    this.supervisor.start(spec);
    this.changed();
    return `node/${name} added (kubelet pid ${this.supervisor.children.get(childName(name))?.process.pid})`;
  }

  /**
   * `kubesim node add`: a new kubelet, given a moment to refuse bad settings (then it is
   * forgotten and its complaint is the error), and remembered for the next `kubesim up`.
   */
  private async addByRequest(name: string, o: Partial<NodeOptions>): Promise<string> {
    const message = await this.add(name, o);
    const child = this.supervisor.children.get(childName(name))!;
    let stderr = '';
    child.process.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), SETTINGS_CHECK_MS);
      // 'close' comes after the output is read, so the complaint is in `stderr`.
      child.process.once('close', () => (clearTimeout(timer), resolve(true)));
    });
    if (exited) {
      await Promise.all(this.nodes.get(name)?.links.map((l) => l.close()) ?? []);
      this.nodes.delete(name);
      this.supervisor.children.delete(childName(name));
      this.changed();
      const why = stderr.trim().replace(/^kubelet: /, '') || `it exited (code ${child.process.exitCode})`;
      throw new Error(`node "${name}" not added: ${why}`);
    }
    this.added?.add({ name, ...definedOnly(o) });
    return message;
  }

  /** A user's request (`kubesim node …`): carried out, then recorded in the log. */
  async handle(r: NodeRequest): Promise<string> {
    if (r.op === 'kill-pool') {
      // Recorded as what it is to each node: a kill (a resimulation need not have the same pools).
      const lost = this.pools?.killPool(r.name);
      if (!lost) throw new Error('this cluster has no kubelet pools');
      for (const name of lost.nodes) await this.record({ op: 'kill', name }, `kubesim node kill-pool ${r.name}: the rack is lost`);
      return lost.message;
    }
    const message = await this.carryOut(r);
    await this.record(r);
    return message;
  }

  private async carryOut(r: NodeActionRequest): Promise<string> {
    if (r.op === 'add') return this.addByRequest(r.name, r);
    if (this.pools?.has(r.name)) return this.pools.handle(r.op, r.name);
    const n = this.nodes.get(r.name);
    if (!n) throw new Error(`node "${r.name}" is not one of this cluster's kubelets (${this.names().join(', ')})`);
    switch (r.op) {
      case 'start': {
        if (this.running(r.name)) throw new Error(`the kubelet of ${r.name} is already running`);
        const c = this.supervisor.start(n.spec);
        this.changed();
        return `node/${r.name} started (kubelet pid ${c.process.pid})${n.links.some((l) => l.partitioned) ? '; it is still partitioned: kubesim node heal ' + r.name : ''}`;
      }
      case 'stop':
        // A crashed kubelet waiting for its restart (--restart-kubelets) is stopped too: the restart is called off.
        if (!this.running(r.name) && !this.supervisor.restartPending(childName(r.name))) throw new Error(`the kubelet of ${r.name} is not running`);
        await this.supervisor.stop(childName(r.name));
        return `node/${r.name} stopped (SIGTERM)`;
      case 'kill': {
        const c = this.supervisor.children.get(childName(r.name));
        if (!c || !this.running(r.name)) throw new Error(`the kubelet of ${r.name} is not running`);
        this.supervisor.kill(childName(r.name), 'SIGKILL');
        n.spec = newBoot(n.spec);
        return `node/${r.name} killed (kubelet pid ${c.process.pid}, SIGKILL)`;
      }
      case 'partition':
        for (const l of n.links) l.cut();
        return `node/${r.name} partitioned: its kubelet keeps running, cut off from NATS`;
      case 'heal':
        for (const l of n.links) l.heal();
        return `node/${r.name} healed: its kubelet can reach NATS again`;
      default: {
        const _exhaustive: never = r;
        return _exhaustive;
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.nodes.values()].flatMap((n) => n.links.map((l) => l.close())));
    await this.pools?.close();
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'op' && k !== 'name')) as Partial<T>;
}
