import { Inject, Injectable } from '@nestjs/common';
import { isGenericKind, type GenericKind, type KubeObject, type Namespace } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { QueueController } from '../shared/queue-controller';
import { finalizersAfter, reconcileNamespace } from './namespace.reconcile';

/** How often a terminating namespace is looked at again without a change (a pod's grace running out). */
export const NAMESPACE_RESYNC_SECONDS = 5;

/**
 * kube-controller-manager's namespace controller: empties a namespace that has a
 * deletionTimestamp and then finalizes it. The decisions are `reconcileNamespace`'s; the shared
 * queue shell carries out one pass at a time and waits for its projection to see each write.
 */
@Injectable()
export class NamespaceController extends QueueController {
  protected override readonly resyncSeconds = NAMESPACE_RESYNC_SECONDS;

  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('namespace-controller', cluster, api, config);
  }

  private terminating(name: string): Namespace | undefined {
    const ns = this.cluster.store.get({ kind: 'Namespace', namespace: '', name }) as Namespace | undefined;
    return ns?.metadata.deletionTimestamp ? ns : undefined;
  }

  protected *keysOf({ object: o, type }: Change) {
    if (o.kind === 'Namespace' && o.metadata.deletionTimestamp) yield o.metadata.name;
    else if (o.metadata.namespace && type === 'DELETED' && this.terminating(o.metadata.namespace)) yield o.metadata.namespace;
  }

  protected *allKeys() {
    for (const ns of this.cluster.store.list('Namespace')) if (ns.metadata.deletionTimestamp) yield ns.metadata.name;
  }

  /** Everything of the namespace but its Events (those go with the finalize). */
  private contents(namespace: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const o of this.cluster.store.objects.values()) if (o.metadata.namespace === namespace && o.kind !== 'Event' && (o.kind === 'Pod' || isGenericKind(o.kind))) out.push(o);
    return out;
  }

  protected async sync(name: string) {
    const ns = this.terminating(name);
    if (!ns) return;
    const by = this.component;
    const pass = reconcileNamespace(ns, this.contents(name), Date.now());
    for (const o of pass.deletes) {
      const { namespace = '', name: n, uid } = o.metadata;
      await this.write(o.kind === 'Pod' ? this.api.deletePod({ namespace, name: n, uid, by }) : this.api.deleteObject({ kind: o.kind as GenericKind, namespace, name: n, uid, by }), `delete ${o.kind} ${namespace}/${n}`);
    }
    await this.write(this.api.namespaceStatus({ name, conditions: pass.conditions, ...(pass.finalize ? { finalizers: finalizersAfter(ns) } : {}), by }), `namespace ${name} status`);
  }
}
