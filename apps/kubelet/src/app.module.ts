import { Module, type DynamicModule } from '@nestjs/common';
import { ClusterClientModule } from '@kubesim/cluster-client';
import { kubeletInterest } from '@kubesim/core';
import { KubeletConfig } from './kubelet.config';
import { KubeletService } from './kubelet.service';

@Module({})
export class AppModule {
  static forRoot(config: KubeletConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ClusterClientModule.forRoot({ natsUrl: config.natsUrl, by: `kubelet/${config.nodeName}`, accept: kubeletInterest(config.nodeName) })],
      providers: [{ provide: KubeletConfig, useValue: config }, KubeletService],
    };
  }
}
