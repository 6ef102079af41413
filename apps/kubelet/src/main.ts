import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { logLevels, runComponent } from '@kubesim/cluster-client';
import { AppModule } from './app.module';
import { loadKubeletConfig } from './kubelet.config';
import { loadPoolConfig } from './pool/pool.config';
import { PoolModule } from './pool/pool.module';

// KUBESIM_POOL_NODES set: one process hosting many nodes (a pool); else one node.
if (process.env.KUBESIM_POOL_NODES !== undefined) {
  runComponent('kubelet-pool', loadPoolConfig, async (config) => {
    const app = await NestFactory.createApplicationContext(PoolModule.forRoot(config), { logger: logLevels(config.settings.logLevel) });
    app.enableShutdownHooks();
    return app;
  });
} else {
  runComponent('kubelet', loadKubeletConfig, async (config) => {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: logLevels(config.logLevel) });
    app.enableShutdownHooks();
    return app;
  });
}
