import { ApiClient, controlSocket } from '@kubesim/cluster-client';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { kubeconfig, mergeIntoUserKubeconfig } from './kubeconfig';
import { authFetch, ensureClusterCredentials, pkiDir, type AuthFetch, type ClientAuth } from '@kubesim/kube-rest';
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
import { hasSyncInterval, layoutMismatch, natsServerSpecs, natsUrlOfPlan, planNats, serverConfig, type NatsServerPlan } from './nats-cluster';
import { AUTHORIZATION_FILE, BrokerAuth } from '@kubesim/eventlog';
import { freePort } from './free-port';
import { connectNats, natsAuthOptions, natsServers } from '@kubesim/eventlog';

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
  /** `--insecure`: plain anonymous HTTP, no TLS, no authentication (default false). */
  insecure?: boolean;
  /** Add a `kubesim` context to `$KUBECONFIG` or `~/.kube/config` and make it current (`kubesim up` does; resimulation does not). */
  updateUserKubeconfig?: boolean;
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
  /** The data dir's kubeconfig (CA and admin credential of a secure cluster). */
  kubeconfig?: string;
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
export async function up(o: UpOptions, out: (s: string) => void): Promise<{ stop: () => Promise<void>; supervisor: Supervisor; nodes: NodeManager; file: ClusterFile; auth: ClientAuth; userKubeconfig?: string }> {
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
  // Secure by default: a CA, a serving certificate and the admin's token in <data-dir>/pki (0600).
  const creds = o.insecure ? undefined : ensureClusterCredentials(pkiDir(dataDir));
  const server = `${creds ? 'https' : 'http'}://127.0.0.1:${o.port}`;
  const auth: ClientAuth = creds ? { server, ca: creds.caCert, token: creds.adminToken } : { server };
  const fetchApi: AuthFetch = authFetch(auth);
  // Every component is its own broker user (broker-permissions.ts); a kubelet's user exists before it starts.
  const brokerAuth = new BrokerAuth(dataDir);
  const credentials = {
    apiserver: brokerAuth.user({ kind: 'apiserver' }),
    scheduler: brokerAuth.user({ kind: 'scheduler' }),
    'controller-manager': brokerAuth.user({ kind: 'controller-manager' }),
    dashboard: brokerAuth.user({ kind: 'dashboard' }),
  };
  brokerAuth.user({ kind: 'admin' });
  const cliCredentials = brokerAuth.user({ kind: 'cli' });
  for (const plan of nodeLayout(o.nodes, o.nodesPerProcess)) {
    if (plan.kind === 'node') brokerAuth.user({ kind: 'kubelet', nodes: [plan.node] });
    else brokerAuth.user({ kind: 'kubelet', pool: plan.pool, nodes: plan.nodes });
  }
  brokerAuth.writeConfig();
  /** A kubelet added while the servers run: its user is written and every nats-server reloads its config (SIGHUP). */
  const kubeletCredentials = (role: { nodes: string[]; pool?: string }) => {
    const file = brokerAuth.user({ kind: 'kubelet', ...role });
    if (brokerAuth.writeConfig() && natsPlan.some((n) => supervisor.children.has(n.name))) {
      for (const n of natsPlan) supervisor.children.get(n.name)?.process.kill('SIGHUP');
    }
    return file;
  };
  const common = { KUBESIM_NATS_URL: natsUrl, KUBESIM_TIME_SCALE: String(o.timeScale) };
  const node = (app: string, name: string, env: Record<string, string> = {}): ChildSpec => ({
    name,
    command: process.execPath,
    // KUBESIM_PROFILE_DIR: every service writes a V8 CPU profile there when it exits (`<name>.cpuprofile`).
    args: ['--enable-source-maps', ...(process.env.KUBESIM_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KUBESIM_PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`] : []), entry(app)],
    env: { ...common, ...(name in credentials ? { KUBESIM_NATS_CREDENTIALS: credentials[name as keyof typeof credentials] } : {}), ...env },
    restart,
  });

  const file: ClusterFile = { server, kubeconfig: join(dataDir, 'kubeconfig'), natsUrl, ...(replicas > 1 ? { natsReplicas: replicas } : {}), pids: {}, ...(o.dashboardPort !== undefined ? { dashboard: `http://127.0.0.1:${o.dashboardPort}/` } : {}) };
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
      KUBESIM_NATS_CREDENTIALS: kubeletCredentials({ nodes: [name] }),
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
      KUBESIM_NATS_CREDENTIALS: kubeletCredentials({ pool, nodes: list.map((n) => n.name) }),
    }),
    restart: o.restartKubelets === true,
  });
  pools = new PoolManager(supervisor, natsUrl, poolSpec, () => writeClusterFile(), cliCredentials);
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
    const syncAlways = hasSyncInterval(natsServerVersion(natsBin));
    const configOf = (n: NatsServerPlan) => {
      const f = join(dataDir, `${n.name}.conf`);
      writeFileSync(f, serverConfig(n, { syncAlways, authorization: `nats-auth/${AUTHORIZATION_FILE}` }), { mode: 0o600 });
      return f;
    };
    for (const spec of natsServerSpecs(natsBin, natsPlan, configOf)) supervisor.start({ ...spec, restart });
    for (const n of natsPlan) await waitFor(() => portOpen(n.clientPort), 15_000, n.name === 'nats' ? 'nats-server' : n.name, join(logDir, `${n.name}.log`), supervisor, n.name);
    if (replicas > 1) await waitFor(() => jetStreamReady(natsUrl, cliCredentials), 30_000, `the JetStream cluster (${replicas} servers) to elect a leader`, join(logDir, 'nats-1.log'), supervisor);
    supervisor.start(node('apiserver', 'apiserver', { KUBESIM_API_PORT: String(o.port), KUBESIM_EXPECTED_NODES: String(o.nodes), KUBESIM_CLUSTER_CIDR: cidr.cidr, ...(creds ? { KUBESIM_PKI_DIR: creds.dir } : {}) }));
    await waitFor(async () => (await fetchApi(`${server}/healthz`).catch(() => undefined))?.ok ?? false, 30_000, 'apiserver', join(logDir, 'apiserver.log'), supervisor, 'apiserver');
    api = new ApiClient(ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: natsServers(natsUrl), ...natsAuthOptions(cliCredentials) } }), USER);
    if (o.dashboardPort !== undefined) {
      // Started early so that it comes up while the nodes do. Node actions go through the control
      // socket (served below), as `kubesim node …`; writes through the REST API.
      supervisor.start(node('dashboard', 'dashboard', { KUBESIM_DASHBOARD_PORT: String(o.dashboardPort), KUBESIM_SERVER: server, KUBESIM_KUBECONFIG: file.kubeconfig!, KUBESIM_CONTROL_SOCKET: controlSocket(dataDir) }));
    }
    supervisor.start(node('scheduler', 'scheduler'));
    supervisor.start(node('controller-manager', 'controller-manager', o.nodeLostPolicy ? { KUBESIM_NODE_LOST_POLICY: o.nodeLostPolicy } : {}));
    for (const plan of nodeLayout(o.nodes, o.nodesPerProcess)) {
      if (plan.kind === 'node') await nodes.add(plan.node);
      else nodes.addPool(plan.pool, plan.nodes);
    }
    await restartAddedNodes(server, fetchApi, nodes, added, out);
    writeFileSync(join(dataDir, 'kubeconfig'), kubeconfig(auth), { mode: 0o600 });
    let userKubeconfig: string | undefined;
    try {
      userKubeconfig = o.updateUserKubeconfig ? mergeIntoUserKubeconfig(auth) : undefined;
    } catch (e) {
      // A kubeconfig kubesim cannot read is left as it is: the data dir's still works.
      out(`kubesim: did not add the kubesim context to your kubeconfig (${e instanceof Error ? e.message : String(e)}); use --kubeconfig ${join(dataDir, 'kubeconfig')}\n`);
    }
    writeClusterFile();
    control = await serveControl(controlSocket(dataDir), (r) => nodes.handle(r));
    await waitFor(async () => (await fetchApi(`${server}/readyz`).catch(() => undefined))?.ok ?? false, o.readyTimeoutMs, `${o.nodes} Ready nodes`, join(logDir, 'apiserver.log'), supervisor);
    if (o.dashboardPort !== undefined) await waitFor(() => portOpen(o.dashboardPort!), o.readyTimeoutMs, 'the dashboard', join(logDir, 'dashboard.log'), supervisor, 'dashboard');
    return { stop, supervisor, nodes, file, auth, userKubeconfig };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * The nodes a previous `kubesim node add` put in this data dir start again, except those whose
 * Node object is gone (`kubectl delete node`): they are forgotten.
 */
async function restartAddedNodes(server: string, fetchApi: AuthFetch, nodes: NodeManager, added: AddedNodesFile, out: (s: string) => void): Promise<void> {
  for (const n of added.load()) {
    if (nodes.names().includes(n.name)) continue;
    const res = await fetchApi(`${server}/api/v1/nodes/${encodeURIComponent(n.name)}`);
    if (res.status === 404) {
      added.remove(n.name);
      out(`kubesim: node ${n.name} (added with kubesim node add) was deleted from the cluster; not starting it again\n`);
      continue;
    }
    await nodes.add(n.name, n);
  }
}

/** Whether JetStream answers (in a cluster: once its meta leader is elected). */
async function jetStreamReady(natsUrl: string, credentials: string): Promise<boolean> {
  const nc = await connectNats(natsUrl, 'kubesim-up', { once: true, credentials }).catch(() => undefined);
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
