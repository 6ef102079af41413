import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { KubeObject, Reply } from '@kubesim/api';
import type { ApiClient } from '@kubesim/cluster-client';
import { referenceTo, type Change } from '@kubesim/core';
import type { Projection } from '@kubesim/eventlog';
import type { ControllerManagerConfig } from '../controller-manager.config';

/** How often every object is synced even without a change (progress deadlines, minReadySeconds). */
export const RESYNC_SECONDS = 10;

/**
 * The thin shell every queue-driven controller shares (kube-controller-manager's workqueue): the
 * keys a change touches are queued, every key is resynced every 10 s (scaled), one key is synced at
 * a time, a failed sync is retried after 1 s (scaled). Each write waits until this process's
 * projection shows it, so the next decision never acts on a state it has already changed — a
 * missing pod is not created twice. Subclasses say which keys a change touches and how one key
 * syncs; the decisions themselves are pure reconcile functions next to them.
 */
export abstract class QueueController implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger: Logger;
  private readonly queue = new Set<string>();

  /** Keys waiting to be synced (`workqueue_depth`), and the queue's name (the component). */
  get depth(): number {
    return this.queue.size;
  }
  get queueName(): string {
    return this.component;
  }
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private resync?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  protected constructor(
    protected readonly component: string,
    protected readonly cluster: Projection,
    protected readonly api: ApiClient,
    protected readonly config: ControllerManagerConfig,
  ) {
    this.logger = new Logger(component);
  }

  /** How often every key is synced even without a change (seconds, × time scale). */
  protected readonly resyncSeconds: number = RESYNC_SECONDS;

  /** The keys (usually `namespace/name`) a change in the cluster touches. */
  protected abstract keysOf(change: Change): Iterable<string>;
  /** Every key, for the start and the periodic resync. */
  protected abstract allKeys(): Iterable<string>;
  protected abstract sync(key: string): Promise<void>;

  onApplicationBootstrap() {
    this.unsubscribe = this.cluster.subscribe((c) => {
      for (const k of this.keysOf(c)) this.enqueue(k);
    });
    this.enqueueAll();
    this.running = true;
    this.loop = this.run();
    const every = this.resyncSeconds * 1000 * this.config.timeScale;
    const tick = () => {
      this.enqueueAll();
      this.resync = setTimeout(tick, every);
    };
    this.resync = setTimeout(tick, every);
  }

  async onApplicationShutdown() {
    this.running = false;
    clearTimeout(this.resync);
    for (const t of this.timers) clearTimeout(t);
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  protected enqueue(key: string) {
    this.queue.add(key);
    this.wake?.();
  }

  /** Sync `key` again after `ms` (real milliseconds): a back-off or a deadline that is due. */
  protected enqueueAfter(key: string, ms: number) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.enqueue(key);
    }, Math.max(0, ms));
    this.timers.add(t);
  }

  private enqueueAll() {
    for (const k of this.allKeys()) this.enqueue(k);
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
        this.logger.warn(`syncing ${next.value}: ${e instanceof Error ? e.message : e}; will retry`);
        this.enqueueAfter(next.value, 1000 * this.config.timeScale);
      }
    }
  }

  /** A write, then wait until this process's projection has it. A 404 or 409 is left to the next sync. */
  protected async write(reply: Promise<Reply>, what: string): Promise<Reply> {
    const r = await reply;
    if (r.ok) await this.cluster.waitFor(Number(r.resourceVersion));
    // 403 is admission's final word (a quota, a LimitRange, a terminating namespace): reported, not retried at once.
    else if (r.status.code !== 403 && r.status.code !== 404 && r.status.code !== 409) throw new Error(`${what}: ${r.status.message}`);
    return r;
  }

  protected async event(o: KubeObject, reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal') {
    await this.api.recordEvent({ involvedObject: referenceTo(o), reason, message, type, component: this.component, by: this.component });
  }

  /** A refused pod create as controller_utils' RealPodControl reports it: a terminating namespace is no failure worth an event. */
  protected async failedCreate(owner: KubeObject, status: { message: string; details?: { causes?: { reason: string }[] } }) {
    if (status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) return;
    await this.event(owner, 'FailedCreate', `Error creating: ${status.message}`, 'Warning');
  }


  /** The keys of every object of `kind`: `namespace/name`. */
  protected keysOfKind(kind: KubeObject['kind']): string[] {
    return [...this.cluster.store.list(kind)].map((o) => objectKey(o.metadata.namespace, o.metadata.name));
  }
}

export const objectKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return { namespace: key.slice(0, i), name: key.slice(i + 1) };
}
