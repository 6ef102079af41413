import type { Pod } from '@kubesim/api';
import { connectNats, EventLog } from '@kubesim/eventlog';

/** Creates pods over HTTP, a few at a time, until stopped; remembers which creations were acknowledged. */
export class PodLoad {
  readonly acknowledged = new Map<string, string>();
  failures = 0;
  private running = true;
  private readonly workers: Promise<void>[];
  private next = 0;

  constructor(
    private readonly server: string,
    private readonly prefix: string,
    parallel = 3,
    /**
     * At most this many pods, paced so that the load spans the crash: three nodes hold 330 pods
     * (110 each) and both crash tests share them; more would be Pending with "Too many pods".
     */
    private readonly max = 120,
    private readonly paceMs = 200,
  ) {
    this.workers = Array.from({ length: parallel }, () => this.work());
  }

  private async work() {
    while (this.running && this.next < this.max) {
      const name = `${this.prefix}-${this.next++}`;
      const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], resources: { requests: { cpu: '10m' } } }] } };
      try {
        const res = await fetch(`${this.server}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
        if (res.status === 201) this.acknowledged.set(name, ((await res.json()) as Pod).metadata.uid);
        else this.failures++;
        await new Promise((r) => setTimeout(r, this.paceMs));
      } catch {
        this.failures++;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }
}

/** Per pod uid: how many PodCreated and PodBound events the log holds. */
export async function effectsInLog(natsUrl: string, credentials?: string): Promise<{ created: Map<string, number>; bound: Map<string, number>; names: Map<string, number> }> {
  const nc = await connectNats(natsUrl, 'e2e', { once: true, credentials });
  try {
    const log = await EventLog.open(nc);
    const created = new Map<string, number>();
    const bound = new Map<string, number>();
    const names = new Map<string, number>();
    const uidOf = new Map<string, string>();
    const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    for (const { record } of await log.readAll()) {
      for (const e of record.events) {
        if (e.type === 'PodCreated') {
          inc(created, e.pod.metadata.uid);
          inc(names, `${e.pod.metadata.namespace}/${e.pod.metadata.name}`);
          uidOf.set(`${e.pod.metadata.namespace}/${e.pod.metadata.name}`, e.pod.metadata.uid);
        }
        if (e.type === 'PodBound') inc(bound, uidOf.get(`${e.namespace}/${e.name}`) ?? `${e.namespace}/${e.name}`);
      }
    }
    return { created, bound, names };
  } finally {
    await nc.close();
  }
}
