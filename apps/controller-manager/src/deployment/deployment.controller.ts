import { Inject, Injectable } from '@nestjs/common';
import type { Deployment, ReplicaSet } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { controllerOf } from '../shared/pod-state';
import { objectKey, QueueController, splitKey } from '../shared/queue-controller';
import { reconcileDeployment, REVISION } from './deployment.reconcile';

/** The Deployment controller's shell: queues Deployments whose ReplicaSets changed, carries out `reconcileDeployment`. */
@Injectable()
export class DeploymentController extends QueueController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('deployment-controller', cluster, api, config);
  }

  protected *keysOf({ object: o }: Change) {
    const owner = controllerOf(o);
    if (owner?.kind === 'Deployment') yield objectKey(o.metadata.namespace, owner.name);
    if (o.kind === 'Deployment') yield objectKey(o.metadata.namespace, o.metadata.name);
  }

  protected allKeys() {
    return this.keysOfKind('Deployment');
  }

  protected async sync(key: string) {
    const d = this.cluster.store.get({ kind: 'Deployment', ...splitKey(key) }) as Deployment | undefined;
    if (!d) return;
    const by = this.component;
    const all = [...this.cluster.store.list('ReplicaSet')] as ReplicaSet[];
    for (const a of reconcileDeployment(d, all, { now: Date.now(), timeScale: this.config.timeScale })) {
      switch (a.type) {
        case 'createRS': {
          const r = await this.write(this.api.createObject({ object: a.rs, by, cause: `${d.metadata.name} has a new pod template` }), `creating ${a.rs.metadata.name}`);
          if (r.ok) await this.event(d, 'ScalingReplicaSet', a.message);
          break;
        }
        case 'scaleRS': {
          const r = await this.write(this.api.updateObject({ object: { ...a.rs, spec: { ...a.rs.spec, replicas: a.replicas } }, by }), `scaling ${a.rs.metadata.name}`);
          if (r.ok) await this.event(d, 'ScalingReplicaSet', a.message);
          break;
        }
        case 'reviseRS':
          await this.write(
            this.api.updateObject({ object: { ...a.rs, metadata: { ...a.rs.metadata, annotations: { ...a.rs.metadata.annotations, [REVISION]: String(a.revision) } } }, by }),
            `revising ${a.rs.metadata.name}`,
          );
          break;
        case 'annotateRevision': {
          const annotations = { ...d.metadata.annotations, [REVISION]: String(a.revision) };
          // With its resourceVersion: a user's concurrent change wins (409), the next sync annotates again.
          await this.write(this.api.updateObject({ object: { ...d, metadata: { ...d.metadata, annotations } }, resourceVersion: d.metadata.resourceVersion, by }), `revision of ${d.metadata.name}`);
          break;
        }
        case 'deleteRS':
          await this.write(this.api.deleteObject({ kind: 'ReplicaSet', namespace: a.rs.metadata.namespace, name: a.rs.metadata.name, uid: a.rs.metadata.uid, by }), `deleting ${a.rs.metadata.name}`);
          break;
        case 'status':
          await this.write(this.api.updateObjectStatus({ kind: 'Deployment', namespace: d.metadata.namespace, name: d.metadata.name, status: a.status, by }), `status of ${d.metadata.name}`);
          break;
      }
    }
  }
}
