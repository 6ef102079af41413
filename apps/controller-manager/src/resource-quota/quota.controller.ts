import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { KubeObject } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { reconcileQuota } from './quota.reconcile';

const COMPONENT = 'resourcequota-controller';
/** --resource-quota-sync-period: a full recount of every quota. */
export const QUOTA_RESYNC_SECONDS = 300;

/**
 * kube-controller-manager's resource-quota controller: keeps each quota's `status.hard` and
 * `status.used` exact. A change to any object of a namespace recounts that namespace's quotas
 * ("replenishment"); every quota is recounted every 5 minutes besides. Decisions in `reconcileQuota`.
 */
@Injectable()
export class ResourceQuotaController implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(COMPONENT);
  private readonly queue = new Set<string>();
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private resync?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(ControllerManagerConfig) private readonly config: ControllerManagerConfig,
  ) {}

  onApplicationBootstrap() {
    this.unsubscribe = this.cluster.subscribe((c) => this.onChange(c));
    this.running = true;
    this.enqueueAll();
    this.loop = this.run();
    const tick = () => {
      this.enqueueAll();
      this.resync = setTimeout(tick, QUOTA_RESYNC_SECONDS * 1000 * this.config.timeScale);
    };
    this.resync = setTimeout(tick, QUOTA_RESYNC_SECONDS * 1000 * this.config.timeScale);
  }

  async onApplicationShutdown() {
    this.running = false;
    clearTimeout(this.resync);
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  private enqueueNamespace(namespace: string) {
    for (const q of this.cluster.store.list('ResourceQuota')) if (q.metadata.namespace === namespace) this.queue.add(`${namespace}/${q.metadata.name}`);
    this.wake?.();
  }

  private enqueueAll() {
    for (const q of this.cluster.store.list('ResourceQuota')) this.queue.add(`${q.metadata.namespace}/${q.metadata.name}`);
    this.wake?.();
  }

  private onChange(c: Change) {
    if (c.object.kind === 'Event' || !c.object.metadata.namespace) return;
    this.enqueueNamespace(c.object.metadata.namespace);
  }

  private async run() {
    while (this.running) {
      const next = this.queue.values().next();
      if (next.done) {
        await new Promise<void>((r) => (this.wake = r));
        this.wake = undefined;
        continue;
      }
      this.queue.delete(next.value);
      try {
        await this.sync(next.value);
      } catch (e) {
        this.logger.warn(`syncing quota ${next.value}: ${e instanceof Error ? e.message : e}; will retry`);
        setTimeout(() => {
          this.queue.add(next.value);
          this.wake?.();
        }, 1000 * this.config.timeScale);
      }
    }
  }

  private async sync(key: string) {
    const [namespace, name] = key.split('/') as [string, string];
    const quota = this.cluster.store.get({ kind: 'ResourceQuota', namespace, name });
    if (!quota) return;
    const objects: KubeObject[] = [];
    for (const o of this.cluster.store.objects.values()) if (o.metadata.namespace === namespace) objects.push(o);
    const status = reconcileQuota(quota, objects, Date.now());
    if (!status) return;
    const r = await this.api.updateObjectStatus({ kind: 'ResourceQuota', namespace, name, status, by: COMPONENT });
    if (r.ok) await this.cluster.waitFor(Number(r.resourceVersion));
    else if (r.status.code !== 404 && r.status.code !== 409) throw new Error(r.status.message);
  }
}
