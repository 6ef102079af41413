import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Follower } from '@kubesim/eventlog';
import { HistoryIndex } from '@kubesim/replay';
import { LogSource } from '../live/log-source';

/**
 * The whole log in a `HistoryIndex` (checkpoints every 1,000 records), read in the background
 * once the live view is up, then kept current: the scrubber and each pod's story read it.
 */
@Injectable()
export class HistoryService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly index = new HistoryIndex();
  ready = false;
  private follower?: Follower;
  private readonly logger = new Logger('history');

  constructor(@Inject(LogSource) private readonly source: LogSource) {}

  async onApplicationBootstrap() {
    const t0 = performance.now();
    this.follower = await this.source.log.follow(1, (r) => this.index.add(r));
    void this.follower.caughtUp.then(() => {
      this.ready = true;
      this.logger.log(`history: ${this.index.length} records read in ${(performance.now() - t0).toFixed(0)} ms`);
    });
  }

  async onApplicationShutdown() {
    await this.follower?.stop();
  }
}
