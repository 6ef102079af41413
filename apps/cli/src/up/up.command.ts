import { ApiClient, controlSocket } from '@kubesim/cluster-client';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { kubeconfig } from './kubeconfig';
import { ensureNatsServer, natsServerVersion } from './nats-binary';
import { serveControl } from './control-server';
import { AddedNodesFile } from './added-nodes';
import { childName, NodeManager, type NodeActionRequest, type NodeOptions } from './node-manager';
import { nodeLayout } from './node-layout';
import { PoolManager, poolChildName } from './pool-manager';
import type { PoolNodeSpec } from '@kubesim/api';
import { clusterCidrFor } from '@kubesim/core';
import { nodeProcessAction } from './node-process-action';
import { Supervisor, type ChildSpec } from './supervisor';
import { describeNotice } from './supervisor-notice';
import { hasSyncInterval, layoutMismatch, natsServerSpecs, natsUrlOfPlan, planNats, syncAlwaysConfig, type NatsServerPlan } from './nats-cluster';
import { freePort } from './free-port';
import { connectNats, natsServers } from '@kubesim/eventlog';

export interface UpOptions {
  nodes: number;
  /** Nodes per kubelet process (`--nodes-per-process`); default: node-layout.ts. */
  nodesPerProcess?: number;
  port: number;
  natsPort: number;
  dataDir: string;
  timeScale: number;
  nodeCpu: string;
  nodeMemory: string;
  nodePods: number;
  readyTimeoutMs: number;
  /** KUBESIM_NODE_LOST_POLICY for the controller-manager: `legacy` (default) or `modern`. */
  nodeLostPolicy?: 'legacy' | 'modern';
  /** KUBESIM_OFFLINE for the kubelets: containers cannot reach the internet. */
  offline?: boolean;
  /** The dashboard's port on 127.0.0.1; undefined = no dashboard. */
  dashboardPort?: number;
  /** 1 (default): one nats-server; 3: a JetStream cluster, the stream and buckets at R3. */
  natsReplicas?: number;
  /** Restart a crashed apiserver, scheduler, controller-manager, dashboard or nats-server (default true; `--no-restart`). */
  restart?: boolean;
  /** Restart a crashed kubelet too (default false: a dead kubelet is a lost node). */
  restartKubelets?: boolean;
  /** `--cluster-cidr`: nodes' /24 pod CIDRs come from it; default: the narrowest that holds the nodes (`clusterCidrFor`). */
  clusterCidr?: string;
}

/** What `kubesim up` records in its data dir for the other commands (replay, node kill …). */
export interface ClusterFile {
  server: string;
  /** Every nats-server, comma-separated. */
  natsUrl: string;
  /** How many nats-servers (JetStream replicas); absent: 1. */
  natsReplicas?: number;
  pids: Record<string, number>;
  /** Each kubelet pool's child (`kubelet-pool-1`, a key of `pids`) and the nodes it hosts. */
  pools?: Record<string, string[]>;
  /** The dashboard's URL, when `up` started one. */
  dashboard?: string;
}

/** Who `kubesim node …` is in the log: the same user agent as the CLI's REST requests. */
const USER = 'user:kubesim';

const APPS = resolve(__dirname, '../../..');
const entry = (app: string) => join(APPS, app, 'src', 'main.js');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function portOpen(port: number): Promise<boolean> {
  return new Promise((r) => {
    const s = connect({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), r(true)));
    s.once('error', () => r(false));
  });
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export function readClusterFile(dataDir: string): ClusterFile | undefined {
  const f = join(dataDir, 'cluster.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as ClusterFile) : undefined;
}

/**
 * `kubesim up`: nats-server, apiserver, scheduler, controller-manager and N kubelets as child
 * processes on loopback. Resolves when the cluster is ready; `stop()` ends everything.
 */
export async function up(o: UpOptions, out: (s: string) => void): Promise<{ stop: () => Promise<void>; supervisor: Supervisor; nodes: NodeManager; file: ClusterFile }> {
  // The arguments first: nothing starts (and no data dir is made) for a cluster that cannot be.
  const cidr = clusterCidrFor(o.nodes, o.clusterCidr);
  if ('error' in cidr) throw new Error(o.clusterCidr === undefined ? `--nodes ${o.nodes}: ${cidr.error}` : `--cluster-cidr: ${cidr.error}`);
  const dataDir = resolve(o.dataDir);
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const natsBin = ensureNatsServer(out);
  for (const [what, port, flag] of [['API', o.port, 'port'], ['NATS', o.natsPort, 'nats-port'], ['dashboard', o.dashboardPort, 'dashboard-port']] as const) {
    if (port !== undefined && (await portOpen(port))) throw new Error(`port ${port} (${what}) is already in use on 127.0.0.1: stop what uses it, or pass --${flag}`);
  }
  const replicas = o.natsReplicas ?? 1;
  const mismatch = layoutMismatch(dataDir, replicas);
  if (mismatch) throw new Error(mismatch);
  const natsPlan = planNats(dataDir, replicas, o.natsPort, replicas > 1 ? await Promise.all(Array.from({ length: 2 * replicas - 1 }, () => freePort())) : []);
  const restart = o.restart !== false;
  let pools: PoolManager | undefined;
  const supervisor = new Supervisor(
    logDir,
    (n) => {
      const line = describeNotice(n, logDir, pools?.nodesOfChild(n.name));
      if (line) out(line);
    },
    () => writeClusterFile(),
  );
  const natsUrl = natsUrlOfPlan(natsPlan);
  const server = `http://127.0.0.1:${o.port}`;
  const common = { KUBESIM_NATS_URL: natsUrl, KUBESIM_TIME_SCALE: String(o.timeScale) };
  const node = (app: string, name: string, env: Record<string, string> = {}): ChildSpec => ({
    name,
    command: process.execPath,
    args: ['--enable-source-maps', entry(app)],
    env: { ...common, ...env },
    restart,
  });

  const file: ClusterFile = { server, natsUrl, ...(replicas > 1 ? { natsReplicas: replicas } : {}), pids: {}, ...(o.dashboardPort !== undefined ? { dashboard: `http://127.0.0.1:${o.dashboardPort}/` } : {}) };
  const writeClusterFile = () => {
    file.pids = Object.fromEntries([...supervisor.children].map(([n, c]) => [n, c.process.pid ?? 0]));
    const layout = pools?.layout() ?? {};
    if (Object.keys(layout).length) file.pools = layout;
    // Written whole and renamed: readers (kubesim node …, scripts polling pids) never see half a file.
    writeFileSync(join(dataDir, 'cluster.json.tmp'), JSON.stringify(file, null, 2));
    renameSync(join(dataDir, 'cluster.json.tmp'), join(dataDir, 'cluster.json'));
  };
  const kubelet = (name: string, kubeletNatsUrl: string, n: NodeOptions): ChildSpec => {
    const spec = node('kubelet', childName(name), {
      KUBESIM_NODE_NAME: name,
      KUBESIM_NODE_CPU: n.cpu,
      KUBESIM_NODE_MEMORY: n.memory,
      KUBESIM_NODE_PODS: String(n.pods),
      ...(n.labels ? { KUBESIM_NODE_LABELS: n.labels } : {}),
      ...(n.taints ? { KUBESIM_NODE_TAINTS: n.taints } : {}),
      ...(n.resources ? { KUBESIM_NODE_RESOURCES: n.resources } : {}),
      ...(o.offline ? { KUBESIM_OFFLINE: '1' } : {}),
    });
    return { ...spec, env: { ...spec.env, KUBESIM_NATS_URL: kubeletNatsUrl }, restart: o.restartKubelets === true };
  };
  // A pool: the same kubelet program hosting many nodes, straight on NATS (a partition is its own, per node).
  // Restarted after a crash only as kubelets are (--restart-kubelets): losing a pool is losing a rack.
  const poolSpec = (pool: string, list: PoolNodeSpec[]): ChildSpec => ({
    ...node('kubelet', poolChildName(pool), {
      KUBESIM_POOL_NAME: pool,
      KUBESIM_POOL_NODES: JSON.stringify(list),
      KUBESIM_NODE_CPU: o.nodeCpu,
      KUBESIM_NODE_MEMORY: o.nodeMemory,
      KUBESIM_NODE_PODS: String(o.nodePods),
      ...(o.offline ? { KUBESIM_OFFLINE: '1' } : {}),
    }),
    restart: o.restartKubelets === true,
  });
  pools = new PoolManager(supervisor, natsUrl, poolSpec, () => writeClusterFile());
  const added = new AddedNodesFile(dataDir);
  let api: ApiClient | undefined;
  const record = async (r: NodeActionRequest, cause?: string) => {
    const reply = await api?.recordNodeProcessAction({ ...nodeProcessAction(r), ...(cause ? { cause } : {}) }).catch((e: unknown) => ({ ok: false as const, error: e }));
    if (reply && !reply.ok) out(`kubesim: ${r.op} of ${r.name} was not recorded in the event log: ${'status' in reply ? reply.status.message : String(reply.error)}\n`);
  };
  const nodes = new NodeManager(supervisor, natsPlan.map((n) => n.clientPort), kubelet, { cpu: o.nodeCpu, memory: o.nodeMemory, pods: o.nodePods }, writeClusterFile, record, added, pools);
  let control: Server | undefined;

  const stop = async () => {
    control?.close();
    await api?.close().catch(() => undefined);
    await supervisor.stopAll(['dashboard', 'kubelet', 'controller-manager', 'scheduler', 'apiserver', 'nats']);
    await nodes.close();
  };

  try {
    // fsync before acknowledging where the server can (2.10+); Debian's 2.9 fsyncs lazily (docs/decisions.md).
    const configOf = hasSyncInterval(natsServerVersion(natsBin))
      ? (n: NatsServerPlan) => {
          const f = join(dataDir, `${n.name}.conf`);
          writeFileSync(f, syncAlwaysConfig(n));
          return f;
        }
      : undefined;
    for (const spec of natsServerSpecs(natsBin, natsPlan, configOf)) supervisor.start({ ...spec, restart });
    for (const n of natsPlan) await waitFor(() => portOpen(n.clientPort), 15_000, n.name === 'nats' ? 'nats-server' : n.name, join(logDir, `${n.name}.log`), supervisor, n.name);
    if (replicas > 1) await waitFor(() => jetStreamReady(natsUrl), 30_000, `the JetStream cluster (${replicas} servers) to elect a leader`, join(logDir, 'nats-1.log'), supervisor);
    supervisor.start(node('apiserver', 'apiserver', { KUBESIM_API_PORT: String(o.port), KUBESIM_EXPECTED_NODES: String(o.nodes), KUBESIM_CLUSTER_CIDR: cidr.cidr }));
    await waitFor(async () => (await fetch(`${server}/healthz`).catch(() => undefined))?.ok ?? false, 30_000, 'apiserver', join(logDir, 'apiserver.log'), supervisor, 'apiserver');
    api = new ApiClient(ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: natsServers(natsUrl) } }), USER);
    if (o.dashboardPort !== undefined) {
      // Started early so that it comes up while the nodes do. Node actions go through the control
      // socket (served below), as `kubesim node …`; writes through the REST API.
      supervisor.start(node('dashboard', 'dashboard', { KUBESIM_DASHBOARD_PORT: String(o.dashboardPort), KUBESIM_SERVER: server, KUBESIM_CONTROL_SOCKET: controlSocket(dataDir) }));
    }
    supervisor.start(node('scheduler', 'scheduler'));
    supervisor.start(node('controller-manager', 'controller-manager', o.nodeLostPolicy ? { KUBESIM_NODE_LOST_POLICY: o.nodeLostPolicy } : {}));
    for (const plan of nodeLayout(o.nodes, o.nodesPerProcess)) {
      if (plan.kind === 'node') await nodes.add(plan.node);
      else nodes.addPool(plan.pool, plan.nodes);
    }
    await restartAddedNodes(server, nodes, added, out);
    writeFileSync(join(dataDir, 'kubeconfig'), kubeconfig(server));
    writeClusterFile();
    control = await serveControl(controlSocket(dataDir), (r) => nodes.handle(r));
    await waitFor(async () => (await fetch(`${server}/readyz`).catch(() => undefined))?.ok ?? false, o.readyTimeoutMs, `${o.nodes} Ready nodes`, join(logDir, 'apiserver.log'), supervisor);
    if (o.dashboardPort !== undefined) await waitFor(() => portOpen(o.dashboardPort!), o.readyTimeoutMs, 'the dashboard', join(logDir, 'dashboard.log'), supervisor, 'dashboard');
    return { stop, supervisor, nodes, file };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * The nodes a previous `kubesim node add` put in this data dir start again, except those whose
 * Node object is gone (`kubectl delete node`): they are forgotten.
 */
async function restartAddedNodes(server: string, nodes: NodeManager, added: AddedNodesFile, out: (s: string) => void): Promise<void> {
  for (const n of added.load()) {
    if (nodes.names().includes(n.name)) continue;
    const res = await fetch(`${server}/api/v1/nodes/${encodeURIComponent(n.name)}`);
    if (res.status === 404) {
      added.remove(n.name);
      out(`kubesim: node ${n.name} (added with kubesim node add) was deleted from the cluster; not starting it again\n`);
      continue;
    }
    await nodes.add(n.name, n);
  }
}

/** Whether JetStream answers (in a cluster: once its meta leader is elected). */
async function jetStreamReady(natsUrl: string): Promise<boolean> {
  const nc = await connectNats(natsUrl, 'kubesim-up', { once: true }).catch(() => undefined);
  if (!nc) return false;
  try {
    await (await nc.jetstreamManager()).getAccountInfo();
    return true;
  } catch {
    return false;
  } finally {
    await nc.close();
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, log: string, supervisor: Supervisor, child?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    const c = child ? supervisor.children.get(child) : undefined;
    if (c && (c.process.exitCode !== null || c.process.signalCode !== null)) {
      throw new Error(`${what} exited before it was ready. Last lines of ${log}:\n${tail(log)}`);
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}. Last lines of ${log}:\n${tail(log)}`);
}
