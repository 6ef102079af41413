import { Inject, Injectable } from '@nestjs/common';
import type { Service, WrittenObject } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL, type EndpointSlice, type Endpoints, type SliceAction } from '../shared/endpoint-objects';
import { objectKey, QueueController, splitKey } from '../shared/queue-controller';
import { MIRRORING_CONTROLLER_NAME, reconcileMirroredSlices } from './mirroring.reconcile';

/**
 * The endpointslicemirroring controller's shell: an Endpoints key is queued when it, the Service of
 * its name or one of its mirrored slices changes; `reconcileMirroredSlices` says what to write.
 */
@Injectable()
export class EndpointSliceMirroringController extends QueueController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('endpointslicemirroring-controller', cluster, api, config);
  }

  protected *keysOf({ object: o }: Change) {
    if (o.kind === 'Endpoints' || o.kind === 'Service') yield objectKey(o.metadata.namespace, o.metadata.name);
    if (o.kind === 'EndpointSlice' && o.metadata.labels?.[MANAGED_BY_LABEL] === MIRRORING_CONTROLLER_NAME && o.metadata.labels[SERVICE_NAME_LABEL]) yield objectKey(o.metadata.namespace, o.metadata.labels[SERVICE_NAME_LABEL]);
  }

  protected allKeys() {
    return this.keysOfKind('Endpoints');
  }

  protected async sync(key: string) {
    const { namespace, name } = splitKey(key);
    const endpoints = this.cluster.store.get({ kind: 'Endpoints', namespace, name }) as unknown as Endpoints | undefined;
    const service = this.cluster.store.get({ kind: 'Service', namespace, name }) as Service | undefined;
    const slices = ([...this.cluster.store.list('EndpointSlice')] as unknown as EndpointSlice[]).filter(
      (s) => s.metadata.namespace === namespace && s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY_LABEL] === MIRRORING_CONTROLLER_NAME,
    );
    for (const a of reconcileMirroredSlices({ endpoints, service, slices })) await this.carryOut(a, key);
  }

  private async carryOut(a: SliceAction, key: string) {
    const by = this.component;
    const { namespace = '', name = '' } = a.slice.metadata;
    switch (a.type) {
      case 'create':
        await this.write(this.api.createObject({ object: a.slice as WrittenObject, by, cause: `Endpoints ${key} of a Service without a selector` }), `mirroring Endpoints ${key}`);
        return;
      case 'update':
        await this.write(this.api.updateObject({ object: a.slice as WrittenObject, resourceVersion: a.slice.metadata.resourceVersion, by, cause: `Endpoints ${key} changed` }), `updating EndpointSlice ${name}`);
        return;
      case 'delete':
        await this.write(this.api.deleteObject({ kind: 'EndpointSlice', namespace, name, uid: a.slice.metadata.uid, by, cause: `Endpoints ${key} are no longer mirrored` }), `deleting EndpointSlice ${name}`);
        return;
      default: {
        const _exhaustive: never = a;
        throw new Error(`unknown action ${JSON.stringify(_exhaustive)}`);
      }
    }
  }
}
