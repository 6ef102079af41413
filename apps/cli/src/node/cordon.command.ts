import { natsAuthOptions, natsServers } from '@kubesim/eventlog';
import type { Node, Pod } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { KubeError, type KubeClient } from '@kubesim/kube-rest';
import { drainPlan, evictUntilAllowed, type DrainOptions } from '@kubesim/kube-rest';
import { drainFailed, goDuration } from './drain-messages';

/**
 * `kubesim cordon|uncordon|drain NAME`. The REST API has no node writes yet, so the writes go to
 * the apiserver over NATS (the same request/reply subjects the controllers use); reads use REST.
 */
export async function withNodeApi<T>(natsUrl: string, f: (api: ApiClient) => Promise<T>): Promise<T> {
  const api = new ApiClient(ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: natsServers(natsUrl), maxReconnectAttempts: 0, ...natsAuthOptions() } }), 'user:kubesim');
  try {
    return await f(api);
  } finally {
    await api.close().catch(() => undefined);
  }
}

async function setUnschedulable(client: KubeClient, api: ApiClient, name: string, unschedulable: boolean, cause = `kubesim ${unschedulable ? 'cordon' : 'uncordon'} ${name}`): Promise<string> {
  const node = await client.get<Node>(`/api/v1/nodes/${encodeURIComponent(name)}`);
  const verb = unschedulable ? 'cordoned' : 'uncordoned';
  if (Boolean(node.spec.unschedulable) === unschedulable) return `node/${name} already ${verb}\n`;
  const r = await api.setNodeUnschedulable({ name, unschedulable, cause });
  if (!r.ok) throw new KubeError(r.status);
  return `node/${name} ${verb}\n`;
}

export const cordonCommand = (client: KubeClient, natsUrl: string, name: string, unschedulable: boolean) =>
  withNodeApi(natsUrl, (api) => setUnschedulable(client, api, name, unschedulable));

export interface DrainCommandOptions extends DrainOptions {
  timeoutMs: number;
  pollMs?: number;
  /** kubectl's wait before retrying a refused eviction (5 s). */
  retryMs?: number;
  /** Where the retry lines go as they happen (stderr); dropped when not given. */
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * kubectl drain: cordon, then evict through the Eviction API (PodDisruptionBudgets apply: a 429 is
 * retried every 5 s until `--timeout`), and wait until each evicted pod is gone.
 */
export async function drainCommand(client: KubeClient, natsUrl: string, name: string, o: DrainCommandOptions): Promise<{ out: string; errors: string[] }> {
  return withNodeApi(natsUrl, async (api) => {
    // The drain's cause on its cordon: a resimulation repeats the drain as one action.
    let out = await setUnschedulable(client, api, name, true, `kubesim drain ${name}`);
    const pods = (await client.get<{ items: Pod[] }>('/api/v1/pods')).items;
    const plan = drainPlan(pods, name, o);
    if (plan.error) return { out, errors: [`error: ${plan.error}`] };
    if (plan.warning) out += plan.warning + '\n';
    const deadline = Date.now() + o.timeoutMs;
    const say = (line: string) => void (out += line);
    const evicted: Pod[] = [];
    const failures: string[] = [];
    const pending: Pod[] = [];
    await Promise.all(
      plan.evict.map(async (p) => {
        const r = await evictUntilAllowed(client, p, { deadline, timeoutText: goDuration(o.timeoutMs), retryMs: o.retryMs, attempt: (line) => say(line + '\n'), refused: o.log });
        if (r.kind === 'failed') {
          failures.push(r.error);
          pending.push(p);
        } else evicted.push(p);
      }),
    );
    const left = new Set(evicted.map((p) => p.metadata.uid));
    while (left.size > 0) {
      const now = (await client.get<{ items: Pod[] }>('/api/v1/pods')).items;
      for (const p of evicted) {
        if (!left.has(p.metadata.uid)) continue;
        if (!now.some((x) => x.metadata.uid === p.metadata.uid)) {
          left.delete(p.metadata.uid);
          out += `pod/${p.metadata.name} evicted\n`;
        }
      }
      if (left.size === 0) break;
      if (Date.now() > deadline) return { out, errors: [`error: unable to drain node "${name}": ${left.size} pod(s) still terminating after ${o.timeoutMs / 1000}s`] };
      await sleep(o.pollMs ?? 250);
    }
    if (failures.length) return { out, errors: drainFailed(name, pending, failures) };
    return { out: out + `node/${name} drained\n`, errors: [] };
  });
}
