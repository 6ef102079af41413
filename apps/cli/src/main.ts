import { Command, InvalidArgumentError } from 'commander';
import { applyCommand } from './commands/apply.command';
import { deleteCommand } from './commands/delete.command';
import { getCommand } from './commands/get.command';
import { replayCommand } from './commands/replay.command';
import { KubeClient, serverUrl } from './kube-client';
import { nodeKillCommand } from './node/node-kill.command';
import { readClusterFile, up } from './up/up.command';

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
};
const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number (0.1 runs ten times faster)');
  return n;
};

/** Prints what a command returned; errors the way kubectl does, exit code 1. */
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

const client = () => new KubeClient(serverUrl(program.opts().server));

program
  .command('up')
  .description('start nats-server, the apiserver, scheduler, controller-manager and N kubelets on loopback')
  .option('--nodes <n>', 'number of nodes (kubelet processes)', int, 3)
  .option('--port <port>', 'API server port on 127.0.0.1', int, 8080)
  .option('--nats-port <port>', 'nats-server port on 127.0.0.1', int, 4222)
  .option('--data-dir <dir>', 'where the event log, logs and kubeconfig live', '.kubesim')
  .option('--time-scale <x>', 'multiplies every Kubernetes duration (0.1 = ten times faster)', positive, Number(process.env.KUBESIM_TIME_SCALE ?? 1))
  .option('--node-cpu <quantity>', 'cpu capacity of each node', '4')
  .option('--node-memory <quantity>', 'memory capacity of each node', '8Gi')
  .option('--node-pods <n>', 'pod capacity of each node', int, 110)
  .action(async (o) => {
    const started = Date.now();
    try {
      const cluster = await up(
        {
          nodes: o.nodes,
          port: o.port,
          natsPort: o.natsPort,
          dataDir: o.dataDir,
          timeScale: o.timeScale,
          nodeCpu: o.nodeCpu,
          nodeMemory: o.nodeMemory,
          nodePods: o.nodePods,
          readyTimeoutMs: 60_000 + 120_000 * o.timeScale,
        },
        (s) => process.stderr.write(s),
      );
      process.stdout.write(
        `kubesim is ready in ${((Date.now() - started) / 1000).toFixed(1)}s: ${o.nodes} nodes\n` +
          `  API:        ${cluster.file.server}   (kubectl works with no kubeconfig; or --kubeconfig ${o.dataDir}/kubeconfig)\n` +
          `  NATS:       ${cluster.file.natsUrl}\n` +
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
  .requiredOption('-f, --filename <file>', 'the manifest file (- for stdin)')
  .option('-n, --namespace <ns>', 'namespace', 'default')
  .action((o) => run(() => applyCommand(client(), o.filename, o.namespace)));

program
  .command('get')
  .description('show pods, nodes, events or namespaces as kubectl does')
  .argument('<resource>', 'pods|nodes|events|namespaces')
  .argument('[name]', 'one object')
  .option('-o, --output <format>', 'wide|json|yaml|name')
  .option('-n, --namespace <ns>', 'namespace', 'default')
  .option('-A, --all-namespaces', 'across all namespaces')
  .option('-l, --selector <selector>', 'label selector')
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
  .command('replay')
  .description('print every pod phase change in the event log: time, pod, from → to, reason, node')
  .option('--nats-url <url>', 'nats-server (default: from <data-dir>/cluster.json, then KUBESIM_NATS_URL, then nats://127.0.0.1:4222)')
  .option('--data-dir <dir>', 'the data dir of `kubesim up`', '.kubesim')
  .option('--stream <name>', 'JetStream stream', 'KUBESIM')
  .action((o) =>
    run(() => replayCommand(o.natsUrl ?? readClusterFile(o.dataDir)?.natsUrl ?? process.env.KUBESIM_NATS_URL ?? 'nats://127.0.0.1:4222', o.stream)),
  );

const node = program.command('node').description('act on a node of a running `kubesim up`');
node
  .command('kill')
  .description("SIGKILL a node's kubelet process (it stays dead: its node goes NotReady)")
  .argument('<name>', 'node name, e.g. node-2')
  .option('--data-dir <dir>', 'the data dir of `kubesim up`', '.kubesim')
  .action((name, o) => run(async () => nodeKillCommand(name, o.dataDir)));

program.parseAsync(process.argv);
