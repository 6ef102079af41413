import { Module, type DynamicModule } from '@nestjs/common';
import { ClusterClientModule } from '@kubesim/cluster-client';
import { ControllerManagerConfig } from './controller-manager.config';
import { ControllerManagerMetrics } from './controller-manager.metrics';
import { NodeLifecycleController } from './node-lifecycle/node-lifecycle.controller';
import { TaintEvictionController } from './taint-eviction/taint-eviction.controller';
import { WorkloadControllers } from './workloads/workload-controllers.service';

@Module({})
export class AppModule {
  static forRoot(config: ControllerManagerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ClusterClientModule.forRoot({ natsUrl: config.natsUrl, by: 'node-controller' })],
      providers: [{ provide: ControllerManagerConfig, useValue: config }, NodeLifecycleController, TaintEvictionController, WorkloadControllers, ControllerManagerMetrics],
    };
  }
}
