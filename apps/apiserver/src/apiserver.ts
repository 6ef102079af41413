import 'reflect-metadata';
import { natsAuthOptions, natsServers } from '@kubesim/eventlog';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { logLevels } from '@kubesim/cluster-client';
import { raw, text } from 'express';
import { AppModule } from './app.module';
import { ApiserverMetrics } from './metrics/apiserver-metrics';
import type { ApiserverConfig } from './config/apiserver.config';
import { StatusExceptionFilter } from './http/status-exception.filter';

/** Builds and starts the apiserver: HTTP (Kubernetes REST API) and NATS (internal writes). */
export async function startApiserver(config: ApiserverConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), { bodyParser: false, logger: logLevels(config.logLevel) });
  app.use(app.get(ApiserverMetrics).middleware); // apiserver_request_total, apiserver_request_duration_seconds
  // Bodies are parsed by the handlers (JSON or YAML) so that a malformed one becomes a 400 Status.
  // Kubernetes protobuf (kubectl's typed clients: `kubectl create namespace`) stays bytes.
  app.use(raw({ type: 'application/vnd.kubernetes.protobuf', limit: '20mb' }));
  app.use(text({ type: () => true, limit: '20mb' }));
  // Global pipes and filters first, then the microservice inherits them (inheritAppConfig).
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new StatusExceptionFilter());
  app.connectMicroservice<MicroserviceOptions>(
    { transport: Transport.NATS, options: { servers: natsServers(config.natsUrl), queue: 'apiserver', maxReconnectAttempts: -1, ...natsAuthOptions() } },
    { inheritAppConfig: true },
  );
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);
  return app;
}
