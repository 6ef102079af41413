import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { isGenericKind, type GenericKind, type KubeObject, type Namespace, type Reply } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { finalizersAfter, reconcileNamespace } from './namespace.reconcile';

const COMPONENT = 'namespace-controller';
/** How often a terminating namespace is looked at again without a change (a pod's grace running out). */
export const NAMESPACE_RESYNC_SECONDS = 5;

/**
 * kube-controller-manager's namespace controller: empties a namespace that has a
 * deletionTimestamp and then finalizes it. The decisions are `reconcileNamespace`'s; this class
 * queues namespaces, carries out one pass at a time and waits for its projection to see each write.
 */
@Injectable()
export class NamespaceController implements OnApplicationBootstrap, OnApplicationShutdown {
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
    this.enqueueTerminating();
    this.loop = this.run();
    const tick = () => {
      this.enqueueTerminating();
      this.resync = setTimeout(tick, NAMESPACE_RESYNC_SECONDS * 1000 * this.config.timeScale);
    };
    this.resync = setTimeout(tick, NAMESPACE_RESYNC_SECONDS * 1000 * this.config.timeScale);
  }

  async onApplicationShutdown() {
    this.running = false;
    clearTimeout(this.resync);
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  private enqueue(name: string) {
    this.queue.add(name);
    this.wake?.();
  }

  private terminating(name: string): Namespace | undefined {
    const ns = this.cluster.store.get({ kind: 'Namespace', namespace: '', name }) as Namespace | undefined;
    return ns?.metadata.deletionTimestamp ? ns : undefined;
  }

  private enqueueTerminating() {
    for (const ns of this.cluster.store.list('Namespace')) if (ns.metadata.deletionTimestamp) this.enqueue(ns.metadata.name);
  }

  private onChange(c: Change) {
    const o = c.object;
    if (o.kind === 'Namespace' && o.metadata.deletionTimestamp) this.enqueue(o.metadata.name);
    else if (o.metadata.namespace && c.type === 'DELETED' && this.terminating(o.metadata.namespace)) this.enqueue(o.metadata.namespace);
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
        this.logger.warn(`deleting namespace ${next.value}: ${e instanceof Error ? e.message : e}; will retry`);
        setTimeout(() => this.enqueue(next.value), 1000 * this.config.timeScale);
      }
    }
  }

  /** Everything of the namespace but its Events (those go with the finalize). */
  private contents(namespace: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const o of this.cluster.store.objects.values()) if (o.metadata.namespace === namespace && o.kind !== 'Event' && (o.kind === 'Pod' || isGenericKind(o.kind))) out.push(o);
    return out;
  }

  private async sync(name: string) {
    const ns = this.terminating(name);
    if (!ns) return;
    const pass = reconcileNamespace(ns, this.contents(name), Date.now());
    for (const o of pass.deletes) {
      const { namespace = '', name: n, uid } = o.metadata;
      await this.write(o.kind === 'Pod' ? this.api.deletePod({ namespace, name: n, uid, by: COMPONENT }) : this.api.deleteObject({ kind: o.kind as GenericKind, namespace, name: n, uid, by: COMPONENT }), `delete ${o.kind} ${namespace}/${n}`);
    }
    await this.write(this.api.namespaceStatus({ name, conditions: pass.conditions, ...(pass.finalize ? { finalizers: finalizersAfter(ns) } : {}), by: COMPONENT }), `namespace ${name} status`);
  }

  /** A write, then wait until this process's projection has it; gone already is fine. */
  private async write(reply: Promise<Reply>, what: string): Promise<void> {
    const r = await reply;
    if (r.ok) await this.cluster.waitFor(Number(r.resourceVersion));
    else if (r.status.code !== 404 && r.status.code !== 409) throw new Error(`${what}: ${r.status.message}`);
  }
}
