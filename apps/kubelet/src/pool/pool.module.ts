import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ApiClient, ClusterClientModule, NATS_CONNECTION } from '@kubesim/cluster-client';
import { kubeletInterest } from '@kubesim/core';
import { Projection } from '@kubesim/eventlog';
import type { NatsConnection, Subscription } from 'nats';
import { NodePool } from './node-pool';
import { servePoolControl } from './pool-control.server';
import type { PoolConfig } from './pool.config';

const POOL_CONFIG = Symbol('POOL_CONFIG');

/** The Nest edge of a pool: starts its nodes once the shared connection and projection are up, stops them on shutdown. */
@Injectable()
class PoolService implements OnApplicationBootstrap, OnApplicationShutdown {
  private pool?: NodePool;
  private control?: Subscription;

  constructor(
    @Inject(POOL_CONFIG) private readonly config: PoolConfig,
    @Inject(Projection) private readonly projection: Projection,
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  async onApplicationBootstrap() {
    this.pool = new NodePool(this.config.settings.pool, { nc: this.nc, projection: this.projection, api: this.api });
    this.control = servePoolControl(this.nc, this.pool);
    await this.pool.startAll(this.config.nodes);
  }

  async onApplicationShutdown() {
    this.control?.unsubscribe();
    await this.pool?.stopAll();
  }
}

/** A kubelet process hosting many nodes (`KUBESIM_POOL_NODES`). */
@Module({})
export class PoolModule {
  static forRoot(config: PoolConfig): DynamicModule {
    return {
      module: PoolModule,
      imports: [ClusterClientModule.forRoot({ natsUrl: config.settings.natsUrl, by: `kubelet-pool/${config.settings.pool}`, accept: kubeletInterest() })],
      providers: [{ provide: POOL_CONFIG, useValue: config }, PoolService],
    };
  }
}
