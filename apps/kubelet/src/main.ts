import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { logLevels, runComponent } from '@kubesim/cluster-client';
import { AppModule } from './app.module';
import { loadKubeletConfig } from './kubelet.config';

runComponent('kubelet', loadKubeletConfig, async (config) => {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: logLevels(config.logLevel) });
  app.enableShutdownHooks();
  return app;
});
