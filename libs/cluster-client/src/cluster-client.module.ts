import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { connectNats, EventLog, natsAuthOptions, natsServers, Projection, SnapshotStore, startProjection } from '@kubesim/eventlog';
import type { NatsConnection } from 'nats';
import { Registry } from 'prom-client';
import { ApiClient } from './api-client';
import { registerComponentMetrics } from './metrics/component-metrics';
import { metricsPortFromEnv, MetricsModule } from './metrics/metrics.module';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

export interface ClusterClientOptions {
  natsUrl: string;
  /** Who this component is, for the log: `default-scheduler`, `kubelet/node-1` … */
  by: string;
  stream?: string;
  /**
   * Which records of the log this component's projection holds, by subject (a kubelet's or a
   * pool's: `kubeletInterest`); unset: all of them (the scheduler, the controllers).
   */
  accept?: (subject: string) => boolean;
  /** Serve Prometheus `/metrics` on this port; default `KUBESIM_METRICS_PORT`, unset: none. */
  metricsPort?: number;
}

class Shutdown implements OnApplicationShutdown {
  constructor(
    @Inject(Projection) private readonly projection: Projection,
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  async onApplicationShutdown() {
    await this.projection.stop();
    await this.api.close();
    await this.nc.drain().catch(() => undefined);
  }
}

/**
 * What every component but the apiserver needs: a NATS connection, its own projection of the
 * log (the same evolve as the apiserver's), the apiserver's write API over request/reply, and a
 * Prometheus registry (`MetricsModule`, with `/metrics` served when a port is configured).
 */
@Module({})
export class ClusterClientModule {
  static forRoot(o: ClusterClientOptions): DynamicModule {
    return {
      module: ClusterClientModule,
      global: true,
      imports: [MetricsModule.forRoot({ port: o.metricsPort ?? metricsPortFromEnv() })],
      providers: [
        { provide: NATS_CONNECTION, useFactory: () => connectNats(o.natsUrl, o.by) },
        { provide: EventLog, useFactory: (nc: NatsConnection) => EventLog.open(nc, o.stream), inject: [NATS_CONNECTION] },
        {
          provide: Projection,
          // From the apiserver's last snapshot plus the log's tail, like the apiserver: start-up does
          // not grow with the log.
          useFactory: async (log: EventLog, nc: NatsConnection) => (await startProjection(log, await SnapshotStore.open(nc), new Logger('projection'), o.accept)).projection,
          inject: [EventLog, NATS_CONNECTION],
        },
        {
          provide: ApiClient,
          useFactory: () => new ApiClient(ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: natsServers(o.natsUrl), maxReconnectAttempts: -1, ...natsAuthOptions() } }), o.by),
        },
        {
          provide: registerComponentMetrics,
          useFactory: (registry: Registry, projection: Projection, log: EventLog) => registerComponentMetrics(registry, { by: o.by, projection, log }) ?? true,
          inject: [Registry, Projection, EventLog],
        },
        Shutdown,
      ],
      exports: [NATS_CONNECTION, EventLog, Projection, ApiClient],
    };
  }
}
