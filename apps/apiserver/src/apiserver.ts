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
import { bodyParserErrors, MAX_REQUEST_BODY_BYTES } from './http/body-limits';
import { ensureClusterCredentials, kubeconfigDocument } from '@kubesim/kube-rest';
import { Projection } from '@kubesim/eventlog';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { authMiddleware, decideAccess } from './auth/auth.middleware';
import { ExecUpgrade } from './http/exec/exec-upgrade';
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
  const authenticator = pki ? new TokenAuthenticator(pki.tokenFile, saTokens && { tokens: saTokens, uidOf, now: () => Date.now() }) : undefined;
  app.use(authMiddleware(authenticator, () => policy));
  // WebSocket upgrades (kubectl exec/attach) reach no middleware: the same checks before each one.
  app.get(ExecUpgrade).access = (req) => decideAccess(authenticator, () => policy, req.method ?? 'GET', req.url ?? '/', req.headers.authorization);
  // Bodies are parsed by the handlers (JSON or YAML) so that a malformed one becomes a 400 Status.
  // Kubernetes protobuf (kubectl's typed clients: `kubectl create namespace`) stays bytes.
  // At most 3 MiB (kube-apiserver's default), uncompressed, UTF-8: anything else is a 413 or 415 Status.
  app.use(raw({ type: 'application/vnd.kubernetes.protobuf', limit: MAX_REQUEST_BODY_BYTES, inflate: false }));
  app.use(text({ type: () => true, limit: MAX_REQUEST_BODY_BYTES, inflate: false, defaultCharset: 'utf-8' }));
  app.use(bodyParserErrors);
  serveReviews(app.getHttpAdapter().getInstance(), () => policy);
  if (saTokens) serveTokenRequests(app.getHttpAdapter().getInstance(), saTokens, cluster, () => Date.now());
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
