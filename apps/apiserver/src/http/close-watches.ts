import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/**
 * Watches are long-lived responses: the HTTP server would wait for them forever on shutdown.
 * End every connection first, as kube-apiserver does, so a SIGTERM stops the apiserver at once;
 * clients re-watch from their last resourceVersion.
 */
@Injectable()
export class CloseWatchesOnShutdown implements BeforeApplicationShutdown {
  constructor(@Inject(HttpAdapterHost) private readonly host: HttpAdapterHost) {}

  beforeApplicationShutdown() {
    const server = this.host.httpAdapter?.getHttpServer() as Server | undefined;
    server?.closeAllConnections?.();
  }
}
