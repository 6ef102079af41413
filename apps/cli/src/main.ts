import { Command, InvalidArgumentError } from 'commander';
import { applyCommand } from './commands/apply.command';
import { rolloutStatusCommand } from './commands/rollout.command';
import { scaleCommand } from './commands/scale.command';
import { deleteCommand } from './commands/delete.command';
import { getCommand } from './commands/get.command';
import { exportCommand } from './commands/export.command';
import { importCommand } from './commands/import.command';
import { replayCommand } from './commands/replay.command';
import { resimulateCommand } from './commands/resimulate.command';
import { logsCommand } from './commands/logs.command';
import { execCommand } from './commands/exec.command';
import { describeCommand } from './commands/describe.command';
import { kubeClientFromConfig } from '@kubesim/kube-rest';
import { POD_IPS_PER_NODE } from '@kubesim/core';
import { cordonCommand, drainCommand } from './node/cordon.command';
import { nodeControlCommand } from './node/node-control.command';
import { nodeKillCommand } from './node/node-kill.command';
import { nodePsCommand } from './node/node-ps.command';
import { readClusterFile, up } from './up/up.command';
import { firstFreePort } from './up/free-port';
import { useClusterCredentials } from '@kubesim/eventlog';
import { brokerAuthCommand } from './commands/broker-auth.command';

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
};
const nodePods = (v: string) => {
  const n = int(v);
  if (n > POD_IPS_PER_NODE) throw new InvalidArgumentError(`must be at most ${POD_IPS_PER_NODE}: each node's pod CIDR is a /24, which holds ${POD_IPS_PER_NODE} pod IPs`);
  return n;
};
const nodeLostPolicy = (v: string) => {
  if (v !== 'legacy' && v !== 'modern') throw new InvalidArgumentError('must be legacy or modern');
  return v;
};
const natsReplicas = (v: string) => {
  if (v !== '1' && v !== '3') throw new InvalidArgumentError('must be 1 or 3 (a JetStream cluster needs a majority: 3 servers survive the loss of one)');
  return Number(v);
};
const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
};
const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number (0.1 runs ten times faster)');
  return n;
};

/** Prints what a command returned; errors the way kubectl does, exit code 1. */
/** Runs a command that writes its own output and says its exit code; an error is printed, exit 1. */
async function runForExitCode(f: () => Promise<number>) {
  try {
    process.exitCode = await f();
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

async function run(f: () => Promise<string | { out: string; errors: string[] }>) {
  try {
    const r = await f();
    if (typeof r === 'string') process.stdout.write(r);
    else {
      process.stdout.write(r.out);
      for (const e of r.errors) process.stderr.write(e + '\n');
      if (r.errors.length) process.exitCode = 1;
    }
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

const program = new Command('kubesim')
  .description('A Kubernetes pod-lifecycle simulator: a distributed control plane over NATS with a JetStream event log')
  .option('-s, --server <url>', 'the Kubernetes API server (env KUBESIM_SERVER)', undefined)
  .showHelpAfterError();

const client = () => kubeClientFromConfig(program.opts().server);

program
  .command('up')
  .description('start nats-server, the apiserver, scheduler, controller-manager and N kubelets on loopback')
  .option('--nodes <n>', 'number of nodes', int, 3)
  .option('--nodes-per-process <k>', 'nodes hosted by each kubelet process (default: 1 up to 10 nodes, else pools of 50)', positiveInt)
  .option('--port <port>', 'API server port on 127.0.0.1', int, 8080)
  .option('--nats-port <port>', 'nats-server port on 127.0.0.1', int, 4222)
  .option('--data-dir <dir>', 'where the event log, logs and kubeconfig live', '.kubesim')
  .option('--time-scale <x>', 'multiplies every Kubernetes duration (0.1 = ten times faster)', positive, Number(process.env.KUBESIM_TIME_SCALE ?? 1))
  .option('--node-cpu <quantity>', 'cpu capacity of each node', '4')
  .option('--node-memory <quantity>', 'memory capacity of each node', '8Gi')
  .option('--cluster-cidr <cidr>', "where nodes' /24 pod CIDRs come from (default: 10.244.0.0/16 up to 256 nodes, then the narrowest of 10.244.0.0/14, 10.224.0.0/11, 10.128.0.0/9 that holds them)")
  .option('--node-pods <n>', `pod capacity of each node (at most ${POD_IPS_PER_NODE}, the pod IPs of its /24)`, nodePods, 110)
  .option('--dashboard-port <port>', 'the dashboard on 127.0.0.1 (default: 8081 or the next free port)', int)
  .option('--no-dashboard', 'do not start the dashboard')
  .option('--node-lost-policy <policy>', "legacy: a lost node's pods show Unknown (NodeLost); modern: their phase is kept (env KUBESIM_NODE_LOST_POLICY)", nodeLostPolicy, process.env.KUBESIM_NODE_LOST_POLICY)
  .option('--offline', 'an air-gapped cluster: names outside the cluster do not resolve in containers (env KUBESIM_OFFLINE=1)', process.env.KUBESIM_OFFLINE === '1')
  .option('--nats-replicas <n>', 'nats-servers: 1, or 3 for a JetStream cluster on loopback with the stream and buckets at R3 (the first on --nats-port)', natsReplicas, 1)
  .option('--no-restart', 'do not restart a crashed apiserver, scheduler, controller-manager, dashboard or nats-server (by default: with back-off 1 s, 2 s, 4 s … 30 s)')
  .option('--insecure', 'serve plain HTTP with no authentication on the loopback port (old tutorials, scripts); anyone on the machine can do anything')
  .option('--restart-kubelets', 'restart a crashed kubelet too (by default a dead kubelet stays dead: its node is lost); kubesim node stop|kill are never undone')
  .action(async (o) => {
    const started = Date.now();
    if (o.insecure) process.stderr.write('kubesim: WARNING: --insecure: the API on 127.0.0.1 is plain HTTP with no authentication; any local process can read and change everything\n');
    try {
      const cluster = await up(
        {
          nodes: o.nodes,
          nodesPerProcess: o.nodesPerProcess,
          port: o.port,
          natsPort: o.natsPort,
          dataDir: o.dataDir,
          timeScale: o.timeScale,
          nodeCpu: o.nodeCpu,
          nodeMemory: o.nodeMemory,
          nodePods: o.nodePods,
          readyTimeoutMs: 60_000 + 120_000 * o.timeScale,
          nodeLostPolicy: o.nodeLostPolicy,
          offline: Boolean(o.offline),
          dashboardPort: o.dashboard === false ? undefined : (o.dashboardPort ?? (await firstFreePort(8081))),
          natsReplicas: o.natsReplicas,
          restart: o.restart !== false,
          restartKubelets: Boolean(o.restartKubelets),
          insecure: Boolean(o.insecure),
          updateUserKubeconfig: true,
          clusterCidr: o.clusterCidr,
        },
        (s) => process.stderr.write(s),
      );
      process.stdout.write(
        `kubesim is ready in ${((Date.now() - started) / 1000).toFixed(1)}s: ${cluster.nodes.names().length} nodes${cluster.file.pools ? ` (${Object.keys(cluster.file.pools).length} kubelet pools: ${Object.entries(cluster.file.pools).map(([p, n]) => `${p} ${n.length}`).join(', ')})` : ''}\n` +
          `  API:        ${cluster.file.server}   (${cluster.userKubeconfig ? `context "kubesim" is current in ${cluster.userKubeconfig}; or ` : ''}--kubeconfig ${o.dataDir}/kubeconfig)\n` +
          `  NATS:       ${cluster.file.natsUrl}   (a user per component: ${o.dataDir}/nats-auth/, admin.json is yours)\n` +
          (cluster.file.dashboard ? `  dashboard:  ${cluster.file.dashboard}\n` : '') +
          `  logs:       ${o.dataDir}/logs/\n` +
          `Press Ctrl-C to stop.\n`,
      );
      let stopping = false;
      const shutdown = async () => {
        if (stopping) return;
        stopping = true;
        process.stderr.write('kubesim: stopping…\n');
        await cluster.stop();
        process.exit(0);
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    } catch (e) {
      process.stderr.write(`kubesim up: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    }
  });

program
  .command('apply')
  .description('create or update the objects in a YAML or JSON file (multi-document)')
  .requiredOption('-f, --filename <file>', 'a manifest file, a directory of them, or - for stdin (repeatable)', (v: string, all: string[] = []) => [...all, v])
  .option('-R, --recursive', 'also the directories inside a -f directory')
  .option('-n, --namespace <ns>', 'namespace', 'default')
  .action((o) => run(() => applyCommand(client(), o.filename, o.namespace, Boolean(o.recursive))));

program
  .command('get')
  .description('show pods, nodes, events, namespaces, services, deployments, replicasets or daemonsets as kubectl does')
  .argument('<resource>', 'pods|nodes|events|namespaces|svc|deploy|rs|ds')
  .argument('[name]', 'one object')
  .option('-o, --output <format>', 'wide|json|yaml|name')
  .option('-n, --namespace <ns>', 'namespace', 'default')
  .option('-A, --all-namespaces', 'across all namespaces')
  .option('-l, --selector <selector>', 'label selector')
  .option('--show-managed-fields', 'keep metadata.managedFields in json and yaml output, as kubectl')
  .action((resource, name, o) => run(() => getCommand(client(), resource, name, o)));

program
  .command('delete')
  .description('delete pods (gracefully, as kubectl does)')
  .argument('<resource>', 'pod')
  .argument('<names...>', 'pod names')
  .option('-n, --namespace <ns>', 'namespace', 'default')
  .option('--grace-period <seconds>', 'seconds to give the pod to terminate', int)
  .option('--force', 'remove the object at once (with --grace-period=0)')
  .option('--wait <bool>', 'wait until the object is gone', (v) => v !== 'false', true)
  .action((resource, names, o) => run(() => deleteCommand(client(), resource, names, { namespace: o.namespace, gracePeriod: o.gracePeriod, force: o.force, wait: o.wait })));

program
  .command('logs')
  .description("print a container's log (the current instance, or the previous one with -p)")
  .argument('<pod>', 'pod name')
  .option('-c, --container <name>', 'the container (required when the pod has several)')
  .option('-p, --previous', "the previous instance's log")
  .option('-f, --follow', 'keep streaming new lines')
  .option('--timestamps', 'prefix each line with its RFC 3339 time')
  .option('--tail <n>', 'only the last N lines', int)
  .option('-n, --namespace <ns>', 'namespace', 'default')
  .action((pod, o) => run(async () => (await logsCommand(client(), pod, o, (s) => process.stdout.write(s)), '')));

program
  .command('exec')
  .description('run a command in a container of a pod and print its output: kubesim exec POD [-c C] -- CMD…')
  .argument('<pod>', 'pod name')
  .argument('<command...>', 'the command and its arguments (after --)')
  .option('-c, --container <name>', 'the container (required when the pod has several)')
  .option('-n, --namespace <ns>', 'namespace', 'default')
  .action((pod, command, o) => runForExitCode(() => execCommand(client(), pod, command, o, (s) => process.stdout.write(s), (s) => process.stderr.write(s))));

program
  .command('describe')
  .description("show a pod as kubectl describe does: conditions, each container's state, events")
  .argument('<resource>', 'pod')
  .argument('<name>', 'pod name')
  .option('-n, --namespace <ns>', 'namespace', 'default')
  .action((resource, name, o) => run(() => describeCommand(client(), resource, name, o)));

/** The cluster's nats-server, and the CLI's broker credentials from its data dir (broker-auth.ts). */
const logNatsUrl = (o: { natsUrl?: string; dataDir: string }) => {
  useClusterCredentials(o.dataDir);
  return o.natsUrl ?? readClusterFile(o.dataDir)?.natsUrl ?? process.env.KUBESIM_NATS_URL ?? 'nats://127.0.0.1:4222';
};
const NATS_URL_HELP = 'nats-server (default: from <data-dir>/cluster.json, then KUBESIM_NATS_URL, then nats://127.0.0.1:4222)';

program
  .command('replay')
  .description('the story of every pod from the event log: each phase and STATUS with time, node and cause; the cluster at a point (--at); or a check of the live state (--verify)')
  .option('--nats-url <url>', NATS_URL_HELP)
  .option('--data-dir <dir>', 'the data dir of `kubesim up`', '.kubesim')
  .option('--stream <name>', 'JetStream stream', 'KUBESIM')
  .option('--file <log.jsonl>', 'read a log written by `kubesim export` instead of the live stream')
  .option('--pod <name>', 'only this pod (name or namespace/name)')
  .option('--node <name>', 'only what happened on this node')
  .option('--namespace <ns>', 'only pods of this namespace')
  .option('--since <seq|time>', 'only from this sequence or time (RFC 3339) on')
  .option('--until <seq|time>', 'only up to this sequence or time')
  .option('--at <seq|time>', 'print the cluster as it was then: nodes and pods, as kubectl tables')
  .option('--follow', 'keep printing as new events arrive')
  .option('--speed <x>', 'replay with the original pacing, X times faster', positive)
  .option('--manager <name>', 'the writes of this field manager (managedFields), to objects of every kind: `--manager kubectl-client-side-apply`, an operator\'s name')
  .option('--verify', 'rebuild the state from the log and compare it with the live apiserver, object by object; exit 1 when they differ')
  .option('--resimulate <log.jsonl>', "what if: replay the log's user actions against a fresh cluster and print how the outcome differs")
  .option('--nodes <n>', 'with --resimulate: the fresh cluster\'s nodes (default: as many as the log had)', positiveInt)
  .option('--time-scale <x>', "with --resimulate: the fresh cluster's time scale (default: the log's, else 1)", positive)
  .option('--max-settle <seconds>', 'with --resimulate: most seconds to wait after the last action for pods to stop changing', int, 120)
  .action((o) =>
    runForExitCode(async () => {
      if (o.resimulate) {
        return resimulateCommand(
          { file: o.resimulate, nodes: o.nodes, timeScale: o.timeScale, maxSettle: o.maxSettle },
          (s) => process.stdout.write(s),
          (s) => process.stderr.write(s),
        );
      }
      if (o.nodes !== undefined || o.timeScale !== undefined) throw new Error('--nodes and --time-scale go with --resimulate');
      // --verify asks the cluster of the data dir unless told another server (--server, KUBESIM_SERVER).
      const verifyClient = () => {
        const file = readClusterFile(o.dataDir);
        return kubeClientFromConfig(program.opts().server ?? process.env.KUBESIM_SERVER ?? file?.server, undefined, file?.kubeconfig);
      };
      return replayCommand({ ...o, natsUrl: logNatsUrl(o) }, verifyClient, (s) => process.stdout.write(s));
    }),
  );

program
  .command('broker-auth')
  .description('write the broker users (passwords kept if there) and a nats-server config, as `kubesim up` does: for compose and clusters started by hand')
  .requiredOption('--dir <dir>', 'where nats-auth/<user>.json and nats.conf go')
  .option('--nodes <names>', 'the kubelets, comma-separated (one user each)', '')
  .option('--pools', 'a user for kubelet pools whose nodes are not known in advance (kubelet-pools)', false)
  .option('--store-dir <dir>', "the server's JetStream store", '/data')
  .action((o) => run(async () => brokerAuthCommand({ dir: o.dir, nodes: String(o.nodes).split(',').filter(Boolean), pools: o.pools === true, storeDir: o.storeDir })));

program
  .command('export')
  .description('write the event log as JSON lines to stdout (kubesim export > log.jsonl)')
  .option('--since <seq>', 'from this stream sequence on', int, 1)
  .option('--nats-url <url>', NATS_URL_HELP)
  .option('--data-dir <dir>', 'the data dir of `kubesim up`', '.kubesim')
  .option('--stream <name>', 'JetStream stream', 'KUBESIM')
  .action((o) =>
    run(async () => {
      const write = (s: string) => (process.stdout.write(s) ? undefined : new Promise<void>((r) => process.stdout.once('drain', () => r())));
      await exportCommand({ natsUrl: logNatsUrl(o), stream: o.stream, since: Math.max(1, o.since) }, write);
      return '';
    }),
  );

program
  .command('import')
  .description('restore a log written by `kubesim export` into an empty, stopped cluster (all or nothing); then `kubesim up` serves it')
  .argument('<file>', 'log.jsonl')
  .option('--data-dir <dir>', 'the data dir of the cluster to create', '.kubesim')
  .option('--nats-url <url>', 'import into this running nats-server instead (its stream must be empty)')
  .option('--stream <name>', 'JetStream stream', 'KUBESIM')
  .action((file, o) => run(() => importCommand({ file, stream: o.stream, natsUrl: o.natsUrl, dataDir: o.dataDir }, (s) => process.stderr.write(s))));

const node = program.command('node').description('act on a node of a running `kubesim up`');
node
  .command('kill-pool')
  .description('SIGKILL a kubelet pool process: all its nodes are lost at once (a rack failure)')
  .argument('<pool>', 'pool name, e.g. pool-1 (cluster.json lists them)')
  .option('--data-dir <dir>', 'the data dir of `kubesim up`', '.kubesim')
  .action((name, o) => run(() => nodeControlCommand(o.dataDir, { op: 'kill-pool', name })));
node
  .command('kill')
  .description("SIGKILL a node's kubelet process (it stays dead: its node goes NotReady)")
  .argument('<name>', 'node name, e.g. node-2')
  .option('--data-dir <dir>', 'the data dir of `kubesim up`', '.kubesim')
  .action((name, o) => run(() => nodeKillCommand(name, o.dataDir)));

// --- node loss (issue 4): node start|stop|partition|heal|add, cordon|uncordon|drain ---
const nodeOps = [
  ['start', "start a node's kubelet again (after kill or stop)"],
  ['stop', "stop a node's kubelet gracefully (SIGTERM); it is not restarted"],
  ['partition', "cut a node's kubelet off from NATS; it and its containers keep running"],
  ['heal', 'end a partition: the kubelet reconnects'],
] as const;
for (const [op, description] of nodeOps) {
  node
    .command(op)
    .description(description)
    .argument('<name>', 'node name, e.g. node-2')
    .option('--data-dir <dir>', 'the data dir of `kubesim up`', '.kubesim')
    .action((name, o) => run(() => nodeControlCommand(o.dataDir, { op, name })));
}
node
  .command('add')
  .description('add a node (a new kubelet) to the running cluster')
  .argument('<name>', 'node name, e.g. node-4')
  .option('--cpu <quantity>', 'cpu capacity')
  .option('--memory <quantity>', 'memory capacity')
  .option('--pods <n>', 'pod capacity', int)
  .option('--labels <labels>', 'node labels: key=value,key2=value2')
  .option('--taints <taints>', 'node taints: key=value:NoSchedule,key2:NoExecute')
  .option('--resources <resources>', 'more resources to advertise: example.com/foo=2,ephemeral-storage=50Gi')
  .option('--data-dir <dir>', 'the data dir of `kubesim up`', '.kubesim')
  .action((name, o) =>
    run(() => nodeControlCommand(o.dataDir, { op: 'add', name, cpu: o.cpu, memory: o.memory, pods: o.pods, labels: o.labels, taints: o.taints, resources: o.resources })),
  );

const natsUrlOf = logNatsUrl;
node
  .command('ps')
  .description("what a node's container runtime holds, as crictl prints it there: the pod sandboxes (pause), then every container")
  .argument('<name>', 'node name, e.g. node-2')
  .option('--pod <name>', "only this pod's sandbox and containers")
  .option('--nats-url <url>', 'nats-server (default: from <data-dir>/cluster.json)')
  .option('--data-dir <dir>', 'the data dir of `kubesim up`', '.kubesim')
  .action((name, o) => run(() => nodePsCommand(natsUrlOf(o), name, { pod: o.pod })));
for (const [verb, unschedulable] of [['cordon', true], ['uncordon', false]] as const) {
  program
    .command(verb)
    .description(unschedulable ? 'mark a node unschedulable' : 'mark a node schedulable again')
    .argument('<name>', 'node name')
    .option('--nats-url <url>', 'nats-server (default: from <data-dir>/cluster.json)')
    .option('--data-dir <dir>', 'the data dir of `kubesim up`', '.kubesim')
    .action((name, o) => run(() => cordonCommand(client(), natsUrlOf(o), name, unschedulable)));
}
program
  .command('drain')
  .description('cordon a node, then evict its pods through the Eviction API (a PodDisruptionBudget\'s refusal is retried every 5 s) and wait until they are gone')
  .argument('<name>', 'node name')
  .option('--ignore-daemonsets', 'leave DaemonSet-managed pods in place', false)
  .option('--force', 'also delete pods that no controller manages', false)
  .option('--timeout <seconds>', 'give up after this long', int, 300)
  .option('--nats-url <url>', 'nats-server (default: from <data-dir>/cluster.json)')
  .option('--data-dir <dir>', 'the data dir of `kubesim up`', '.kubesim')
  .action((name, o) => run(() => drainCommand(client(), natsUrlOf(o), name, { ignoreDaemonsets: o.ignoreDaemonsets, force: o.force, timeoutMs: o.timeout * 1000, log: (line) => process.stderr.write(line + '\n') })));
// --- end node loss ---

// --- workloads ---
program
  .command('scale')
  .description('set the replicas of a deployment or replicaset')
  .argument('<target>', 'deployment/NAME, or a type followed by NAME')
  .argument('[name]', 'name, when the type is given alone')
  .requiredOption('--replicas <n>', 'the new number of replicas', int)
  .option('-n, --namespace <ns>', 'namespace', 'default')
  .action((target, name, o) => run(() => scaleCommand(client(), target, name, o.replicas, o.namespace)));

const rollout = program.command('rollout').description('follow a deployment rollout');
rollout
  .command('status')
  .description('wait until a deployment is rolled out, printing its progress as kubectl does')
  .argument('<target>', 'deployment/NAME')
  .option('-n, --namespace <ns>', 'namespace', 'default')
  .option('--timeout <seconds>', 'give up after this long (0 = never)', int, 0)
  .action((target, o) => run(() => rolloutStatusCommand(client(), target, o.namespace, (s) => process.stdout.write(s), o.timeout * 1000)));
// --- end workloads ---

program.parseAsync(process.argv);
