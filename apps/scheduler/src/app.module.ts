import { Module, type DynamicModule } from '@nestjs/common';
import { ClusterClientModule } from '@kubesim/cluster-client';
import { SchedulerConfig } from './scheduler.config';
import { SchedulerMetrics } from './scheduler.metrics';
import { SchedulerService } from './scheduler.service';

@Module({})
export class AppModule {
  static forRoot(config: SchedulerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ClusterClientModule.forRoot({ natsUrl: config.natsUrl, by: config.schedulerName })],
      providers: [{ provide: SchedulerConfig, useValue: config }, SchedulerMetrics, SchedulerService],
    };
  }
}
