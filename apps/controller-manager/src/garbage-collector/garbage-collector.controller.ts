import { Inject, Injectable } from '@nestjs/common';
import { isGenericKind, type KubeObject } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { QueueController } from '../shared/queue-controller';
import { orphaned } from './garbage.reconcile';

const ALL = 'all';

/** Background cascading deletion: dependents whose owners are all gone are deleted (on every deletion and resync). */
@Injectable()
export class GarbageCollector extends QueueController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('garbage-collector', cluster, api, config);
  }

  protected *keysOf(c: Change) {
    if (c.type === 'DELETED') yield ALL;
  }

  protected allKeys() {
    return [ALL];
  }

  protected async sync() {
    const uids = new Set<string>();
    for (const o of this.cluster.store.objects.values()) uids.add(o.metadata.uid);
    const by = this.component;
    for (const o of [...this.cluster.store.objects.values()] as KubeObject[]) {
      if (!orphaned(o, (uid) => uids.has(uid))) continue;
      const { namespace = '', name, uid } = o.metadata;
      if (o.kind === 'Pod') {
        if (!o.metadata.deletionTimestamp) await this.write(this.api.deletePod({ namespace, name, uid, by, cause: 'its owner was deleted' }), `collecting pod ${namespace}/${name}`);
      } else if (isGenericKind(o.kind)) {
        await this.write(this.api.deleteObject({ kind: o.kind, namespace, name, uid, by, cause: 'its owner was deleted' }), `collecting ${o.kind} ${name}`);
      }
    }
  }
}
