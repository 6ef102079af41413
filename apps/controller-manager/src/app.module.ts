import { Module, type DynamicModule } from '@nestjs/common';
import { ClusterClientModule } from '@kubesim/cluster-client';
import { Registry } from 'prom-client';
import { ControllerManagerConfig } from './controller-manager.config';
import { DaemonSetController } from './daemonset/daemonset.controller';
import { DeploymentController } from './deployment/deployment.controller';
import { DisruptionController } from './disruption/disruption.controller';
import { CronJobController } from './cronjob/cronjob.controller';
import { CrdController } from './crd/crd.controller';
import { JobController } from './job/job.controller';
import { EndpointsController } from './endpoints/endpoints.controller';
import { EndpointSliceController } from './endpointslice/endpointslice.controller';
import { EndpointSliceMirroringController } from './endpointslice-mirroring/mirroring.controller';
import { StatefulSetController } from './statefulset/statefulset.controller';
import { GarbageCollector } from './garbage-collector/garbage-collector.controller';
import { ServiceAccountsController } from './serviceaccounts/serviceaccounts.controller';
import { NamespaceController } from './namespace/namespace.controller';
import { ResourceQuotaController } from './resource-quota/quota.controller';
import { ControllerManagerMetrics } from './controller-manager.metrics';
import { NodeLifecycleController } from './node-lifecycle/node-lifecycle.controller';
import { PodGarbageCollector } from './pod-gc/pod-gc.controller';
import { ReplicaSetController } from './replicaset/replicaset.controller';
import { TaintEvictionController } from './taint-eviction/taint-eviction.controller';
import { VolumeControllers } from './volumes/volume-controllers.service';
import { HpaController } from './hpa/hpa.controller';
import { ReplicationControllerManager } from './replicationcontroller/replicationcontroller.controller';

/** One provider per controller, each in its own folder (pure reconcile + a thin shell). */
const CONTROLLERS = [
  NodeLifecycleController,
  TaintEvictionController,
  ReplicaSetController,
  DeploymentController,
  DaemonSetController,
  StatefulSetController,
  JobController,
  CronJobController,
  DisruptionController,
  EndpointsController,
  EndpointSliceController,
  EndpointSliceMirroringController,
  GarbageCollector,
  PodGarbageCollector,
  HpaController,
  ReplicationControllerManager,
  ServiceAccountsController,
  NamespaceController,
  ResourceQuotaController,
  VolumeControllers,
  CrdController,
];

@Module({})
export class AppModule {
  static forRoot(config: ControllerManagerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ClusterClientModule.forRoot({ natsUrl: config.natsUrl, by: 'node-controller' })],
      providers: [
        { provide: ControllerManagerConfig, useValue: config },
        ...CONTROLLERS,
        { provide: ControllerManagerMetrics, useFactory: (registry: Registry, ...controllers: unknown[]) => new ControllerManagerMetrics(registry, controllers), inject: [Registry, ...CONTROLLERS] },
      ],
    };
  }
}
