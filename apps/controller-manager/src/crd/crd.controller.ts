import { Inject, Injectable } from '@nestjs/common';
import { CRD_CLEANUP_FINALIZER, type KubeObject, type WrittenObject } from '@kubesim/api';
import { ApiClient } from '@kubesim/cluster-client';
import type { Change } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import { ControllerManagerConfig } from '../controller-manager.config';
import { objectKey, QueueController, splitKey } from '../shared/queue-controller';
import { instanceKindOf, reconcileCrd } from './crd.reconcile';

type Obj = Record<string, any>;

/**
 * The shell of apiextensions-apiserver's CRD controllers (naming, establishing, finalizer): syncs
 * a CRD on each change of any CRD (names are checked against all of them) and of its instances
 * while it is being deleted; carries out `reconcileCrd`.
 */
@Injectable()
export class CrdController extends QueueController {
  constructor(@Inject(Projection) cluster: Projection, @Inject(ApiClient) api: ApiClient, @Inject(ControllerManagerConfig) config: ControllerManagerConfig) {
    super('apiextensions-controller', cluster, api, config);
  }

  private crds(): Obj[] {
    return [...this.cluster.store.list('CustomResourceDefinition')] as Obj[];
  }

  protected *keysOf({ object: o }: Change) {
    if (o.kind === 'CustomResourceDefinition') {
      // A CRD's names free or take names of the others in its group.
      for (const c of this.crds()) yield objectKey('', c.metadata.name);
      yield objectKey('', o.metadata.name);
      return;
    }
    for (const c of this.crds()) if (c.metadata.deletionTimestamp && instanceKindOf(c) === o.kind) yield objectKey('', c.metadata.name);
  }

  protected allKeys() {
    return this.keysOfKind('CustomResourceDefinition');
  }

  protected async sync(key: string) {
    const crd = this.cluster.store.get({ kind: 'CustomResourceDefinition', ...splitKey(key) }) as Obj | undefined;
    if (!crd) return;
    const kind = instanceKindOf(crd);
    const instances = kind ? ([...this.cluster.store.list(kind as KubeObject['kind'])] as KubeObject[]) : [];
    const by = this.component;
    const name = crd.metadata.name;
    for (const a of reconcileCrd(crd, this.crds(), instances.length, Date.now())) {
      switch (a.type) {
        case 'status':
          await this.write(this.api.updateObjectStatus({ kind: 'CustomResourceDefinition', namespace: '', name, status: a.status, by }), `status of ${name}`);
          break;
        case 'deleteInstances':
          for (const o of instances) {
            if (o.metadata.deletionTimestamp) continue;
            const { namespace = '', name: n, uid } = o.metadata;
            await this.write(this.api.deleteObject({ kind: o.kind as never, namespace, name: n, uid, by, cause: `CustomResourceDefinition ${name} deleted` }), `deleting ${n}`);
          }
          break;
        case 'removeFinalizer': {
          const current = this.cluster.store.get({ kind: 'CustomResourceDefinition', namespace: '', name }) as Obj | undefined;
          if (!current) break;
          const object = { ...current, metadata: { ...current.metadata, finalizers: (current.metadata.finalizers ?? []).filter((f: string) => f !== CRD_CLEANUP_FINALIZER) } };
          await this.write(this.api.updateObject({ object: object as WrittenObject, resourceVersion: current.metadata.resourceVersion, by }), `finalizing ${name}`);
          break;
        }
        default: {
          const _exhaustive: never = a;
          return _exhaustive;
        }
      }
    }
  }
}
