import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { CommandBus } from '../commands/command-bus';

/** Events expired per command: small, so other commands interleave with a long sweep. */
export const EXPIRE_BATCH = 100;

/**
 * kube-apiserver's `--event-ttl`: Events are deleted an hour (× time scale) after they were last
 * seen. Each expiry is an `EventExpired` in the log like any other write, decided by the pure
 * `ExpireEvents`; this sweeper only says when. Without it the log's Events would pile up in every
 * projection and snapshot forever.
 */
export class EventTtlSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('event-ttl');
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly bus: CommandBus,
    /** 0 turns expiry off. */
    private readonly ttlSeconds: number,
    private readonly timeScale: number,
  ) {}

  /** A sweep every minute of Kubernetes time (at most 60 per TTL), never more often than every 50 ms. */
  get periodMs(): number {
    return Math.max(50, Math.min(60, this.ttlSeconds / 60) * 1000 * this.timeScale);
  }

  onApplicationBootstrap() {
    if (this.ttlSeconds <= 0) return;
    const tick = () => {
      if (this.stopped) return;
      this.sweeping = this.sweep().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.periodMs);
      });
    };
    // The first sweep at once: after a long stop, the Events that expired meanwhile go first.
    tick();
  }

  /** Expires every Event due now, a batch per command; resolves with how many went. */
  async sweep(): Promise<void> {
    let total = 0;
    try {
      for (;;) {
        if (this.stopped) break;
        const done = await this.bus.execute({ type: 'ExpireEvents', ttlSeconds: this.ttlSeconds, limit: EXPIRE_BATCH }, { by: 'apiserver' });
        total += done.objects.length;
        if (done.objects.length < EXPIRE_BATCH) break;
      }
    } catch (e) {
      this.logger.warn(`event TTL sweep stopped: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (total > 0) this.logger.log(`expired ${total} events older than ${this.ttlSeconds}s (× time scale ${this.timeScale})`);
  }

  async beforeApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sweeping;
  }
}
