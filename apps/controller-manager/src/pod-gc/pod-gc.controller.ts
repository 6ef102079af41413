import { Inject, Injectable } from '@nestjs/common';
import { rfc3339, type Node, type Pod } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { QueueController } from '../shared/queue-controller';
import { orphanedPods, POD_GC_QUARANTINE_SECONDS } from './pod-gc.reconcile';

const ALL = 'all';

/** PodGC: pods bound to a node that was deleted go (force, after a quarantine), as kube-controller-manager's. */
@Injectable()
export class PodGarbageCollector extends QueueController {
  /** The quarantine: when each pod was first seen bound to a node that does not exist. */
  private readonly seen = new Map<string, number>();

  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('pod-garbage-collector', cluster, api, config);
  }

  protected *keysOf(c: Change) {
    if (c.type === 'DELETED') yield ALL;
  }

  protected allKeys() {
    return [ALL];
  }

  protected async sync() {
    const pods = this.cluster.store.list('Pod') as Iterable<Pod>;
    const nodes = this.cluster.store.list('Node') as Iterable<Node>;
    const by = this.component;
    for (const p of orphanedPods(pods, nodes, this.seen, Date.now(), POD_GC_QUARANTINE_SECONDS * 1000 * this.config.timeScale)) {
      const { namespace, name, uid } = p.metadata;
      await this.api.setPodCondition({ namespace, name, uid, condition: { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(Date.now()), reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }, by });
      await this.write(this.api.deletePod({ namespace, name, uid, gracePeriodSeconds: 0, by, cause: `its node ${p.spec.nodeName} no longer exists` }), `collecting ${name}`);
    }
  }
}
