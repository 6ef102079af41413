import { Inject, Injectable } from '@nestjs/common';
import type { KubeObject } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { objectKey, QueueController, splitKey } from '../shared/queue-controller';
import { reconcileQuota } from './quota.reconcile';

/** --resource-quota-sync-period: a full recount of every quota. */
export const QUOTA_RESYNC_SECONDS = 300;

/**
 * kube-controller-manager's resource-quota controller: keeps each quota's `status.hard` and
 * `status.used` exact. A change to any object of a namespace recounts that namespace's quotas
 * ("replenishment"); every quota is recounted every 5 minutes besides. Decisions in `reconcileQuota`.
 */
@Injectable()
export class ResourceQuotaController extends QueueController {
  protected override readonly resyncSeconds = QUOTA_RESYNC_SECONDS;

  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('resourcequota-controller', cluster, api, config);
  }

  protected *keysOf({ object: o }: Change) {
    if (o.kind === 'Event' || !o.metadata.namespace) return;
    for (const q of this.cluster.store.list('ResourceQuota')) if (q.metadata.namespace === o.metadata.namespace) yield objectKey(q.metadata.namespace, q.metadata.name);
  }

  protected allKeys() {
    return this.keysOfKind('ResourceQuota');
  }

  protected async sync(key: string) {
    const { namespace, name } = splitKey(key);
    const quota = this.cluster.store.get({ kind: 'ResourceQuota', namespace, name });
    if (!quota) return;
    const objects: KubeObject[] = [];
    for (const o of this.cluster.store.objects.values()) if (o.metadata.namespace === namespace) objects.push(o);
    const status = reconcileQuota(quota, objects, Date.now());
    if (status) await this.write(this.api.updateObjectStatus({ kind: 'ResourceQuota', namespace, name, status, by: this.component }), `status of quota ${key}`);
  }
}
