import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { runComponent } from '@kubesim/cluster-client';
import { startApiserver } from './apiserver';
import { loadApiserverConfig } from './config/apiserver.config';

runComponent('apiserver', loadApiserverConfig, async (config) => {
  await startApiserver(config);
  new Logger('apiserver').log(`serving the Kubernetes API on ${config.pkiDir ? 'https' : 'http'}://${config.host}:${config.port}${config.pkiDir ? '' : ' (insecure: no authentication)'}`);
});
