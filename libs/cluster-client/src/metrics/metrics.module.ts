import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigError } from '@kubesim/api';
import type { Server } from 'node:http';
import { Registry } from 'prom-client';
import { startMetricsServer } from './metrics-server';

/** The environment variable naming the port a component serves `/metrics` on (unset: none). */
export const METRICS_PORT_ENV = 'KUBESIM_METRICS_PORT';

/** `KUBESIM_METRICS_PORT` as a port number, undefined when unset; anything else is refused naming the variable. */
export function metricsPortFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env[METRICS_PORT_ENV];
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${METRICS_PORT_ENV}="${raw}": must be a port number (0–65535)`);
  return port;
}

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

export interface MetricsOptions {
  /** Serve `/metrics` on this port (0: any free one); undefined: serve nothing (the apiserver serves it on its API port). */
  readonly port?: number;
  readonly host?: string;
}

class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(Registry) private readonly registry: Registry,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
  ) {}

  async onApplicationBootstrap() {
    if (this.options.port === undefined) return;
    this.server = await startMetricsServer(this.registry, this.options.port, this.options.host);
    const address = this.server.address();
    new Logger('metrics').log(`serving /metrics on port ${typeof address === 'object' && address ? address.port : this.options.port}`);
  }

  async onApplicationShutdown() {
    await new Promise((r) => (this.server ? this.server.close(r) : r(undefined)));
  }
}

/**
 * A component's Prometheus registry (prom-client), global so that any provider can register its
 * metrics on it, and the `/metrics` server when a port is given.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions = {}): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      providers: [{ provide: Registry, useValue: new Registry() }, { provide: METRICS_OPTIONS, useValue: options }, MetricsServer],
      exports: [Registry],
    };
  }
}
