import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Namespace, PlainObject } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ROOT_CA_PEM } from './root-ca';
import { DEFAULT_SERVICE_ACCOUNT, reconcileNamespace, ROOT_CA_CONFIGMAP } from './serviceaccounts.reconcile';

/**
 * The serviceaccount controller and the root-CA publisher of kube-controller-manager: every Active
 * namespace has the `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap. Decisions are in
 * `serviceaccounts.reconcile.ts`; this edge queues namespaces on a change of a namespace or of one of
 * those two objects and writes one namespace at a time, waiting to see its own writes.
 */
@Injectable()
export class ServiceAccountsController implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('serviceaccount-controller');
  private readonly queue = new Set<string>();
  private unsubscribe?: () => void;
  private busy = false;
  private retry?: NodeJS.Timeout;

  constructor(
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(ApiClient) private readonly api: ApiClient,
  ) {}

  onApplicationBootstrap() {
    this.unsubscribe = this.cluster.subscribe((c) => this.onChange(c));
    for (const n of this.cluster.store.list('Namespace')) this.enqueue(n.metadata.name);
  }

  onApplicationShutdown() {
    this.unsubscribe?.();
    clearTimeout(this.retry);
    this.queue.clear();
  }

  private onChange(c: Change) {
    const o = c.object;
    if (o.kind === 'Namespace') this.enqueue(o.metadata.name);
    else if ((o.kind === 'ServiceAccount' && o.metadata.name === DEFAULT_SERVICE_ACCOUNT) || (o.kind === 'ConfigMap' && o.metadata.name === ROOT_CA_CONFIGMAP)) this.enqueue(o.metadata.namespace ?? '');
  }

  private enqueue(namespace: string) {
    this.queue.add(namespace);
    void this.drain();
  }

  private async drain() {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let next = this.queue.values().next(); !next.done; next = this.queue.values().next()) {
        this.queue.delete(next.value);
        try {
          await this.sync(next.value);
        } catch (e) {
          this.logger.warn(`syncing namespace ${next.value}: ${e instanceof Error ? e.message : e}; will retry`);
          const ns = next.value;
          this.retry = setTimeout(() => this.enqueue(ns), 1000);
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private async sync(name: string) {
    const namespace = this.cluster.store.get({ kind: 'Namespace', namespace: '', name }) as Namespace | undefined;
    if (!namespace) return;
    const serviceAccount = this.cluster.store.get({ kind: 'ServiceAccount', namespace: name, name: DEFAULT_SERVICE_ACCOUNT });
    const rootCa = this.cluster.store.get({ kind: 'ConfigMap', namespace: name, name: ROOT_CA_CONFIGMAP }) as PlainObject | undefined;
    for (const a of reconcileNamespace({ namespace, serviceAccount, rootCa }, ROOT_CA_PEM)) {
      const what = `${a.type === 'create' ? 'creating' : 'updating'} ${a.object.kind} ${name}/${a.object.metadata.name}`;
      const r = a.type === 'create' ? await this.api.createObject({ object: a.object, by: a.by }) : await this.api.updateObject({ object: a.object, by: a.by });
      if (r.ok) await this.cluster.waitFor(Number(r.resourceVersion));
      // 409: it exists already (someone was quicker); 403: the namespace is terminating.
      else if (r.status.code !== 409 && r.status.code !== 403 && r.status.code !== 404) throw new Error(`${what}: ${r.status.message}`);
    }
  }
}
