import 'reflect-metadata';
import { Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { ConfigError } from '@kubesim/api';
import { text } from 'express';
import { AppModule } from './app.module';
import { loadApiserverConfig, type ApiserverConfig } from './config/apiserver.config';
import { StatusExceptionFilter } from './http/status-exception.filter';

async function bootstrap(config: ApiserverConfig) {
  const app = await NestFactory.create(AppModule.forRoot(config), { bodyParser: false, logger: logLevels(config.logLevel) });
  // Bodies are parsed by the handlers (JSON or YAML) so that a malformed one becomes a 400 Status.
  app.use(text({ type: () => true, limit: '20mb' }));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new StatusExceptionFilter());
  app.connectMicroservice<MicroserviceOptions>({ transport: Transport.NATS, options: { servers: [config.natsUrl], queue: 'apiserver', maxReconnectAttempts: -1 } }, { inheritAppConfig: true });
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);
  new Logger('apiserver').log(`serving the Kubernetes API on http://${config.host}:${config.port}`);
}

export function logLevels(level: 'error' | 'warn' | 'log') {
  return level === 'error' ? (['error'] as const).slice() : level === 'warn' ? (['error', 'warn'] as const).slice() : (['error', 'warn', 'log'] as const).slice();
}

try {
  const config = loadApiserverConfig();
  bootstrap(config).catch((e) => {
    console.error(`apiserver: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(`apiserver: ${e.message}`);
  process.exit(2);
}
