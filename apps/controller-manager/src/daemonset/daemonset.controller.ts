import { Inject, Injectable } from '@nestjs/common';
import { nameSuffix, type DaemonSet, type Node, type Pod } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { randomInt } from 'node:crypto';
import { ControllerManagerConfig } from '../controller-manager.config';
import { controllerOf } from '../shared/pod-state';
import { objectKey, QueueController, splitKey } from '../shared/queue-controller';
import { carryOut } from '../shared/slow-start';
import { reconcileDaemonSet, targetNode } from './daemonset.reconcile';

/** The DaemonSet controller's shell: queues DaemonSets whose pods or the nodes changed, carries out `reconcileDaemonSet`. */
@Injectable()
export class DaemonSetController extends QueueController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('daemonset-controller', cluster, api, config);
  }

  protected *keysOf({ object: o }: Change) {
    const owner = controllerOf(o);
    if (owner?.kind === 'DaemonSet') yield objectKey(o.metadata.namespace, owner.name);
    if (o.kind === 'DaemonSet') yield objectKey(o.metadata.namespace, o.metadata.name);
    if (o.kind === 'Node') yield* this.allKeys();
  }

  protected allKeys() {
    return this.keysOfKind('DaemonSet');
  }

  protected async sync(key: string) {
    const ds = this.cluster.store.get({ kind: 'DaemonSet', ...splitKey(key) }) as DaemonSet | undefined;
    if (!ds) return;
    const by = this.component;
    const nodes = [...this.cluster.store.list('Node')] as Node[];
    const pods = [...this.cluster.store.list('Pod')] as Pod[];
    const actions = reconcileDaemonSet(ds, nodes, pods, { now: Date.now(), timeScale: this.config.timeScale, suffix: () => nameSuffix(randomInt) });
    // Creates in slow-start batches (1, 2, 4 … at once), as upstream's syncNodes.
    await carryOut(actions, (a) => a.type === 'create', async (a): Promise<boolean> => {
      switch (a.type) {
        case 'create': {
          const r = await this.write(this.api.createObject({ object: a.pod, by, cause: `${ds.metadata.name} has no pod on ${a.node}` }), `creating a daemon pod on ${a.node}`);
          if (r.ok) await this.event(ds, 'SuccessfulCreate', `Created pod: ${r.name ?? a.pod.metadata.name}`);
          else await this.failedCreate(ds, r.status);
          return r.ok;
        }
        case 'delete': {
          const r = await this.write(this.api.deletePod({ namespace: a.pod.metadata.namespace, name: a.pod.metadata.name, uid: a.pod.metadata.uid, by, cause: `${ds.metadata.name}: pod on ${targetNode(a.pod) ?? 'no node'} is not wanted there or is outdated` }), `deleting ${a.pod.metadata.name}`);
          if (r.ok) await this.event(ds, 'SuccessfulDelete', `Deleted pod: ${a.pod.metadata.name}`);
          return r.ok;
        }
        case 'status':
          return (await this.write(this.api.updateObjectStatus({ kind: 'DaemonSet', namespace: ds.metadata.namespace, name: ds.metadata.name, status: a.status, by }), `status of ${ds.metadata.name}`)).ok;
      }
    });
  }
}
