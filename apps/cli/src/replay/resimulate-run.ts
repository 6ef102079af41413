import type { Pod } from '@kubesim/api';
import { connectNats, EventLog, type StoredRecord } from '@kubesim/eventlog';
import { credentialsFile } from '@kubesim/eventlog';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient } from '@kubesim/kube-rest';
import { cordonCommand, drainCommand } from '../node/cordon.command';
import { cliResource, collectionPath, itemPath } from '@kubesim/kube-rest';
import { freePort } from '../up/free-port';
import type { NodeRequest } from '../up/node-manager';
import { up } from '../up/up.command';
import { ownedPods, type UserAction } from './user-actions';

export interface ResimulationPlan {
  actions: UserAction[];
  nodes: number;
  cpu: string;
  memory: string;
  pods: number;
  timeScale: number;
  /** Multiplies the actions' times: the new time scale over the log's. */
  pace: number;
  /** How long the original went on after its last action (ms): the resimulation waits at least as long, paced. */
  tailMs: number;
  /** Upper bound of the wait for the cluster to settle after the last action (ms, wall clock). */
  maxSettleMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Runs a plan on a fresh cluster (`kubesim up` in a temporary data dir, on free ports): the
 * actions at their paced times, then a wait until no pod changed for a while; returns the new
 * log. The cluster is stopped and its data dir removed whatever happens.
 */
export async function runResimulation(plan: ResimulationPlan, progress: (s: string) => void): Promise<StoredRecord[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubesim-resimulate-'));
  const cluster = await up(
    {
      nodes: plan.nodes,
      port: await freePort(),
      natsPort: await freePort(),
      dataDir,
      timeScale: plan.timeScale,
      nodeCpu: plan.cpu,
      nodeMemory: plan.memory,
      nodePods: plan.pods,
      readyTimeoutMs: 60_000 + 120_000 * plan.timeScale,
      // A private, throw-away cluster on a random port, driven by this process only.
      insecure: true,
    },
    progress,
  ).catch((e: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });
  // Its actions (cordon …) and the read of its log go to the fresh cluster's broker, as its CLI user.
  process.env.KUBESIM_NATS_CREDENTIALS = credentialsFile(dataDir, 'cli');
  // Ctrl-C or a SIGTERM stops the fresh cluster and removes its data dir before exiting.
  const interrupted = (signal: NodeJS.Signals) => {
    progress(`kubesim: ${signal}: stopping the resimulation's cluster\n`);
    void cluster.stop().finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    const client = new KubeClient(cluster.file.server);
    const start = Date.now();
    const background: Promise<unknown>[] = [];
    for (const [i, a] of plan.actions.entries()) {
      await sleep(start + a.at * plan.pace - Date.now());
      const run = apply(a, client, cluster.file.natsUrl, (r) => cluster.nodes.handle(r), plan).catch((e: unknown) => {
        progress(`kubesim: action ${i + 1} (${label(a)}) failed: ${e instanceof Error ? e.message : String(e)}\n`);
      });
      // A drain waits for its pods to go, as a user's terminal would; the next actions keep their times.
      if (a.type === 'drain') background.push(run);
      else await run;
    }
    await sleep(start + ((plan.actions.at(-1)?.at ?? 0) + plan.tailMs) * plan.pace - Date.now());
    await settle(client, plan);
    await Promise.all(background);
    const nc = await connectNats(cluster.file.natsUrl, 'kubesim-resimulate', { once: true });
    try {
      return await (await EventLog.open(nc, 'KUBESIM')).readAll();
    } finally {
      await nc.close();
    }
  } finally {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Waits until no pod changed for a quiet period (10 s scaled, at least 1 s), at most `maxSettleMs`. */
async function settle(client: KubeClient, plan: ResimulationPlan): Promise<void> {
  const quietMs = Math.max(1000, 10_000 * plan.timeScale);
  const deadline = Date.now() + plan.maxSettleMs;
  let last = '';
  let since = Date.now();
  while (Date.now() < deadline) {
    const pods = (await client.get<{ items: Pod[] }>('/api/v1/pods')).items;
    const print = pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}@${p.metadata.resourceVersion}`).join(',');
    if (print !== last) {
      last = print;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await sleep(250);
  }
}

export function label(a: UserAction): string {
  switch (a.type) {
    case 'create':
    case 'update':
      return `${a.type} ${a.object.kind.toLowerCase()}/${a.object.metadata.name}`;
    case 'scale':
      return `scale ${a.kind.toLowerCase()}/${a.name} --replicas ${a.replicas}`;
    case 'patch':
      return `patch ${a.kind.toLowerCase()}/${a.name}`;
    case 'set-image':
      return `set image pod/${a.name}`;
    case 'delete':
      return a.ownedPod ? `delete a pod of ${a.ownedPod.owner} (#${a.ownedPod.ordinal + 1}, was ${a.name})` : `delete ${a.kind.toLowerCase()}/${a.name}`;
    case 'cordon':
    case 'uncordon':
    case 'drain':
      return `${a.type} ${a.node}`;
    case 'node':
      return `node ${a.action} ${a.name}`;
    default: {
      const _exhaustive: never = a;
      return _exhaustive;
    }
  }
}

async function apply(a: UserAction, client: KubeClient, natsUrl: string, node: (r: NodeRequest) => Promise<string>, plan: ResimulationPlan): Promise<void> {
  const ns = (o: { metadata: { namespace?: string } }) => o.metadata.namespace ?? 'default';
  switch (a.type) {
    case 'create': {
      const r = cliResource(a.object.kind);
      await client.post(collectionPath(r, r.namespaced ? ns(a.object) : undefined), a.object);
      return;
    }
    case 'update': {
      const r = cliResource(a.object.kind);
      await client.put(itemPath(r, ns(a.object), a.object.metadata.name), a.object);
      return;
    }
    case 'scale':
      await client.request('PATCH', `${itemPath(cliResource(a.kind), a.namespace, a.name)}/scale`, { spec: { replicas: a.replicas } }, 'application/merge-patch+json');
      return;
    case 'patch':
      await client.request('PATCH', itemPath(cliResource(a.kind), a.namespace, a.name), a.patch, 'application/merge-patch+json');
      return;
    case 'set-image':
      await client.request('PATCH', itemPath(cliResource('Pod'), a.namespace, a.name), { spec: { containers: Object.entries(a.images).map(([name, image]) => ({ name, image })) } }, 'application/strategic-merge-patch+json');
      return;
    case 'delete': {
      let name = a.name;
      if (a.ownedPod) {
        const { namespace, owner, ordinal } = a.ownedPod;
        const pods = ownedPods((await client.get<{ items: Pod[] }>(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`)).items, namespace, owner);
        const target = pods[Math.min(ordinal, pods.length - 1)];
        if (!target) throw new Error(`${owner} has no pod to delete`);
        name = target.metadata.name;
      }
      const query = a.gracePeriodSeconds === undefined ? '' : `?gracePeriodSeconds=${a.gracePeriodSeconds}`;
      await client.delete(itemPath(cliResource(a.kind), a.namespace, name) + query);
      return;
    }
    case 'cordon':
    case 'uncordon':
      await cordonCommand(client, natsUrl, a.node, a.type === 'cordon');
      return;
    case 'drain': {
      const r = await drainCommand(client, natsUrl, a.node, { ignoreDaemonsets: true, force: a.force, timeoutMs: Math.max(30_000, 300_000 * plan.timeScale) });
      if (r.errors.length) throw new Error(r.errors.join('; '));
      return;
    }
    case 'node':
      await node(a.action === 'add' ? { op: 'add', name: a.name, ...a.options } : { op: a.action, name: a.name });
      return;
    default: {
      const _exhaustive: never = a;
      return _exhaustive;
    }
  }
}
