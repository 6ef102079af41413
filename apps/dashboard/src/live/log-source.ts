import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { connectNats, EventLog, Projection, SnapshotStore, startProjection } from '@kubesim/eventlog';
import type { NatsConnection } from 'nats';
import { DashboardConfig } from '../config/dashboard.config';

/**
 * The dashboard's reading side: its own projection of the log (apiserver snapshot + tail, the
 * same evolve as every component) for the live view, and the log itself for history.
 */
@Injectable()
export class LogSource implements OnModuleInit, OnApplicationShutdown {
  nc!: NatsConnection;
  log!: EventLog;
  projection!: Projection;

  constructor(@Inject(DashboardConfig) private readonly config: DashboardConfig) {}

  async onModuleInit() {
    this.nc = await connectNats(this.config.natsUrl, 'kubesim-dashboard');
    this.log = await EventLog.open(this.nc);
    this.projection = (await startProjection(this.log, await SnapshotStore.open(this.nc), new Logger('projection'))).projection;
  }

  async onApplicationShutdown() {
    await this.projection?.stop();
    await this.nc?.drain().catch(() => undefined);
  }
}
