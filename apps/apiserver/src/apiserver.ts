import 'reflect-metadata';
import { natsServers } from '@kubesim/eventlog';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { logLevels } from '@kubesim/cluster-client';
import { raw, text } from 'express';
import { AppModule } from './app.module';
import { ApiserverMetrics } from './metrics/apiserver-metrics';
import type { ApiserverConfig } from './config/apiserver.config';
import { StatusExceptionFilter } from './http/status-exception.filter';
import { ensureClusterCredentials, kubeconfigDocument } from '@kubesim/kube-rest';
import { Projection } from '@kubesim/eventlog';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { authMiddleware } from './auth/auth.middleware';
import { TokenAuthenticator } from './auth/authenticator';
import { projectionPolicy } from './auth/projection-policy';
import { serveReviews, serveTokenRequests } from './auth/reviews.handler';
import { ServiceAccountTokens } from './auth/service-account-token';

/** Builds and starts the apiserver: HTTP (Kubernetes REST API) and NATS (internal writes). */
export async function startApiserver(config: ApiserverConfig): Promise<INestApplication> {
  // Secure unless --insecure: HTTPS with the cluster's certificate, bearer tokens of its token file.
  const pki = config.pkiDir ? ensureClusterCredentials(config.pkiDir, config.tlsSans.split(',').filter(Boolean)) : undefined;
  if (pki && config.kubeconfigServer) writeFileSync(join(config.pkiDir, 'kubeconfig'), kubeconfigDocument({ server: config.kubeconfigServer, ca: pki.caCert, token: pki.adminToken }), { mode: 0o600 });
  const httpsOptions = pki ? { cert: readFileSync(pki.serverCert), key: readFileSync(pki.serverKey) } : undefined;
  const app = await NestFactory.create(AppModule.forRoot(config), { bodyParser: false, logger: logLevels(config.logLevel), ...(httpsOptions ? { httpsOptions } : {}) });
  app.use(app.get(ApiserverMetrics).middleware); // apiserver_request_total, apiserver_request_duration_seconds
  const cluster = app.get(Projection);
  const policy = projectionPolicy(cluster);
  const saTokens = pki ? new ServiceAccountTokens(pki.serviceAccountKey) : undefined;
  const uidOf = (namespace: string, name: string) => (cluster.store.get({ kind: 'ServiceAccount', namespace, name }) as { metadata?: { uid?: string } } | undefined)?.metadata?.uid;
  app.use(authMiddleware(pki ? new TokenAuthenticator(pki.tokenFile, saTokens && { tokens: saTokens, uidOf, now: () => Date.now() }) : undefined, () => policy));
  // Bodies are parsed by the handlers (JSON or YAML) so that a malformed one becomes a 400 Status.
  // Kubernetes protobuf (kubectl's typed clients: `kubectl create namespace`) stays bytes.
  app.use(raw({ type: 'application/vnd.kubernetes.protobuf', limit: '20mb' }));
  app.use(text({ type: () => true, limit: '20mb' }));
  serveReviews(app.getHttpAdapter().getInstance(), () => policy);
  if (saTokens) serveTokenRequests(app.getHttpAdapter().getInstance(), saTokens, cluster, () => Date.now());
  // Global pipes and filters first, then the microservice inherits them (inheritAppConfig).
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new StatusExceptionFilter());
  app.connectMicroservice<MicroserviceOptions>(
    { transport: Transport.NATS, options: { servers: natsServers(config.natsUrl), queue: 'apiserver', maxReconnectAttempts: -1 } },
    { inheritAppConfig: true },
  );
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);
  return app;
}
