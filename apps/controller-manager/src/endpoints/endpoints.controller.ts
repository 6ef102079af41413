import { Inject, Injectable } from '@nestjs/common';
import type { Pod, Service, WrittenObject } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { managesService } from '../shared/endpoint-pods';
import { objectKey, QueueController, splitKey } from '../shared/queue-controller';
import { reconcileEndpoints, type Endpoints } from './endpoints.reconcile';

/**
 * The endpoints controller's shell: a Service's key is queued when it or a pod of its namespace
 * changes, or its Endpoints are deleted; `reconcileEndpoints` says what its Endpoints must be.
 */
@Injectable()
export class EndpointsController extends QueueController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('endpoint-controller', cluster, api, config);
  }

  protected *keysOf({ type, object: o }: Change) {
    // Only a deleted Endpoints is looked at (upstream's onEndpointsDelete): one written before its Service is left alone.
    if (o.kind === 'Service' || (o.kind === 'Endpoints' && type === 'DELETED')) yield objectKey(o.metadata.namespace, o.metadata.name);
    if (o.kind === 'Pod') for (const s of this.cluster.store.list('Service') as Iterable<Service>) if (s.metadata.namespace === o.metadata.namespace && managesService(s)) yield objectKey(s.metadata.namespace, s.metadata.name);
  }

  protected allKeys() {
    return this.keysOfKind('Service');
  }

  protected async sync(key: string) {
    const { namespace, name } = splitKey(key);
    const service = this.cluster.store.get({ kind: 'Service', namespace, name }) as Service | undefined;
    const current = this.cluster.store.get({ kind: 'Endpoints', namespace, name }) as unknown as Endpoints | undefined;
    const pods = service && managesService(service) ? ([...this.cluster.store.list('Pod')].filter((p) => p.metadata.namespace === namespace) as Pod[]) : [];
    const by = this.component;
    for (const a of reconcileEndpoints({ service, current, pods })) {
      switch (a.type) {
        case 'create':
          // A refusal of a terminating namespace (403) is dropped silently, as upstream.
          await this.orReport(this.write(this.api.createObject({ object: a.endpoints as WrittenObject, by, cause: `Service ${key} has no Endpoints` }), `creating Endpoints ${key}`), a.endpoints, 'FailedToCreateEndpoint', `Failed to create endpoint for service ${key}`);
          break;
        case 'update':
          await this.orReport(
            this.write(this.api.updateObject({ object: a.endpoints as WrittenObject, resourceVersion: a.endpoints.metadata.resourceVersion, by, cause: `the pods of Service ${key} changed` }), `updating Endpoints ${key}`),
            a.endpoints,
            'FailedToUpdateEndpoint',
            `Failed to update endpoint ${key}`,
          );
          break;
        case 'delete':
          await this.write(this.api.deleteObject({ kind: 'Endpoints', namespace, name, uid: a.endpoints.metadata.uid, by, cause: `Service ${key} was deleted` }), `deleting Endpoints ${key}`);
          break;
        default: {
          const _exhaustive: never = a;
          throw new Error(`unknown action ${JSON.stringify(_exhaustive)}`);
        }
      }
    }
  }

  /** A failed write is a Warning event on the Endpoints (upstream's wording), then retried. */
  private async orReport(write: Promise<unknown>, endpoints: Endpoints, reason: string, message: string) {
    try {
      await write;
    } catch (e) {
      await this.event(endpoints as never, reason, `${message}: ${e instanceof Error ? e.message.replace(/^[^:]*: /, '') : String(e)}`, 'Warning');
      throw e;
    }
  }
}
