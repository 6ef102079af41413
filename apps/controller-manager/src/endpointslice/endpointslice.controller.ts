import { Inject, Injectable } from '@nestjs/common';
import type { Node, Pod, Service, WrittenObject } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { isApiserverService } from '../shared/apiserver-endpoint';
import { managesService } from '../shared/endpoint-pods';
import { objectKey, QueueController, splitKey } from '../shared/queue-controller';
import { reconcileApiserverSlice } from './apiserver-slice';
import { CONTROLLER_NAME, MANAGED_BY_LABEL, reconcileEndpointSlices, SERVICE_NAME_LABEL, type EndpointSlice, type SliceAction } from './endpointslice.reconcile';

/**
 * The endpointslice controller's shell: a Service's key is queued when it, one of its slices, a pod
 * of its namespace or a node changes; `reconcileEndpointSlices` says which slices to create, update
 * and delete. A deleted Service's slices go with it (owner references, the garbage collector).
 */
@Injectable()
export class EndpointSliceController extends QueueController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('endpointslice-controller', cluster, api, config);
  }

  protected *keysOf({ object: o }: Change) {
    if (o.kind === 'Service') yield objectKey(o.metadata.namespace, o.metadata.name);
    if (o.kind === 'EndpointSlice' && o.metadata.labels?.[SERVICE_NAME_LABEL]) yield objectKey(o.metadata.namespace, o.metadata.labels[SERVICE_NAME_LABEL]);
    if (o.kind === 'Pod') for (const s of this.cluster.store.list('Service') as Iterable<Service>) if (s.metadata.namespace === o.metadata.namespace && managesService(s)) yield objectKey(s.metadata.namespace, s.metadata.name);
    if (o.kind === 'Node') yield* this.allKeys();
  }

  protected allKeys() {
    return this.keysOfKind('Service');
  }

  protected async sync(key: string) {
    const { namespace, name } = splitKey(key);
    const service = this.cluster.store.get({ kind: 'Service', namespace, name }) as Service | undefined;
    if (!service) return;
    const slices = [...this.cluster.store.list('EndpointSlice')].filter((s) => s.metadata.namespace === namespace) as unknown as EndpointSlice[];
    let actions: SliceAction[];
    if (isApiserverService(service)) actions = reconcileApiserverSlice(service, slices.find((s) => s.metadata.name === name));
    else if (!managesService(service)) return;
    else {
      const ours = slices.filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME);
      const pods = [...this.cluster.store.list('Pod')].filter((p) => p.metadata.namespace === namespace) as Pod[];
      const nodes = new Map(([...this.cluster.store.list('Node')] as Node[]).map((n) => [n.metadata.name, n]));
      actions = reconcileEndpointSlices({ service, slices: ours, pods, nodes });
    }
    try {
      for (const a of actions) await this.carryOut(a, key);
    } catch (e) {
      await this.event(service, 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${key}: ${e instanceof Error ? e.message.replace(/^[^:]*: /, '') : String(e)}`, 'Warning');
      throw e;
    }
  }

  private async carryOut(a: SliceAction, key: string) {
    const by = this.component;
    const { namespace = '', name = '' } = a.slice.metadata;
    switch (a.type) {
      case 'create':
        await this.write(this.api.createObject({ object: a.slice as WrittenObject, by, cause: `Service ${key} needs another EndpointSlice` }), `creating an EndpointSlice for ${key}`);
        return;
      case 'update':
        await this.write(this.api.updateObject({ object: a.slice as WrittenObject, resourceVersion: a.slice.metadata.resourceVersion, by, cause: `the endpoints of Service ${key} changed` }), `updating EndpointSlice ${name}`);
        return;
      case 'delete':
        await this.write(this.api.deleteObject({ kind: 'EndpointSlice', namespace, name, uid: a.slice.metadata.uid, by, cause: `Service ${key} no longer needs it` }), `deleting EndpointSlice ${name}`);
        return;
      default: {
        const _exhaustive: never = a;
        throw new Error(`unknown action ${JSON.stringify(_exhaustive)}`);
      }
    }
  }
}
