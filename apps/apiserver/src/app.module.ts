import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { connectNats, EventLog, Leases, SnapshotStore } from '@kubesim/eventlog';
import type { NatsConnection } from 'nats';
import { CommandBus } from './commands/command-bus';
import { ApiserverConfig } from './config/apiserver.config';
import { ApiController } from './http/api.controller';
import { CloseWatchesOnShutdown } from './http/close-watches';
import { EventTtlSweeper } from './event-ttl/event-ttl.sweeper';
import { ExecUpgrade } from './http/exec/exec-upgrade';
import { HealthController } from './http/health.controller';
import { MetricsController } from './http/metrics.controller';
import { ApiserverMetrics } from './metrics/apiserver-metrics';
import { MetricsModule } from '@kubesim/cluster-client';
import { OpenApiController } from './http/openapi/openapi.controller';
import { PodServiceAccounts } from './http/pod-service-account';
import { disableAdmissionPlugins, isAdmissionPluginEnabled } from './admission';
import { InternalController } from './internal/internal.controller';
import { Projection } from '@kubesim/eventlog';
import { ensureSystemNamespaces } from './store/system-namespaces';
import { ensureBootstrapPolicy } from './auth/bootstrap-policy';
import { loadSnapshotConfig } from './snapshot/snapshot.config';
import { Snapshotter } from './snapshot/snapshotter';
import { PROJECTION_START, startApiserverProjection, type ProjectionStart } from './snapshot/start-projection';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

class Shutdown implements OnApplicationShutdown {
  constructor(
    @Inject(Projection) private readonly cluster: Projection,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  async onApplicationShutdown() {
    await this.cluster.stop();
    await this.nc.drain().catch(() => undefined);
  }
}

/** The apiserver's composition root. */
@Module({})
export class AppModule {
  static forRoot(config: ApiserverConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [MetricsModule.forRoot()],
      controllers: [MetricsController, HealthController, ApiController, OpenApiController, InternalController],
      providers: [
        { provide: ApiserverConfig, useValue: config },
        { provide: NATS_CONNECTION, useFactory: () => connectNats(config.natsUrl, 'apiserver') },
        { provide: EventLog, useFactory: (nc: NatsConnection) => EventLog.open(nc, config.stream), inject: [NATS_CONNECTION] },
        { provide: Leases, useFactory: (nc: NatsConnection) => Leases.open(nc), inject: [NATS_CONNECTION] },
        { provide: SnapshotStore, useFactory: (nc: NatsConnection) => SnapshotStore.open(nc), inject: [NATS_CONNECTION] },
        { provide: PROJECTION_START, useFactory: (log: EventLog, snapshots: SnapshotStore) => startApiserverProjection(log, snapshots), inject: [EventLog, SnapshotStore] },
        { provide: Projection, useFactory: (start: ProjectionStart) => start.projection, inject: [PROJECTION_START] },
        {
          provide: Snapshotter,
          useFactory: async (log: EventLog, start: ProjectionStart, snapshots: SnapshotStore) =>
            new Snapshotter(start.projection, snapshots, loadSnapshotConfig(), await log.info(), start.report.restoredSeq),
          inject: [EventLog, PROJECTION_START, SnapshotStore],
        },
        {
          provide: CommandBus,
          useFactory: async (log: EventLog, cluster: Projection, metrics: ApiserverMetrics) => {
            const bus = new CommandBus(log, cluster, config.timeScale, (s) => metrics.observeAppend(s), false, config.clusterCidr);
            await ensureSystemNamespaces(bus, cluster);
            await ensureBootstrapPolicy(bus, cluster);
            return bus;
          },
          inject: [EventLog, Projection, ApiserverMetrics],
        },
        {
          provide: PodServiceAccounts,
          useFactory: (cluster: Projection) => {
            disableAdmissionPlugins(config.disableAdmissionPlugins.split(','));
            return new PodServiceAccounts(cluster, isAdmissionPluginEnabled('ServiceAccount'));
          },
          inject: [Projection],
        },
        { provide: EventTtlSweeper, useFactory: (bus: CommandBus) => new EventTtlSweeper(bus, config.eventTtlSeconds, config.timeScale), inject: [CommandBus] },
        ApiserverMetrics,
        Shutdown,
        CloseWatchesOnShutdown,
        ExecUpgrade,
      ],
    };
  }
}
