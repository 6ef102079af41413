/**
 * client-go's token-bucket rate limiter with burst 1, as the node-lifecycle controller's
 * per-zone tainting queues use it (pure: the clock comes in as `now`, in ms).
 */
export interface TokenBucket {
  /** Tokens per second (wall clock); 0 = never accepts (upstream NewFakeNeverRateLimiter). */
  readonly qps: number;
  readonly tokens: number;
  readonly at: number;
}

/** Upstream `EvictionRateLimiterBurst`. */
const BURST = 1;

/** A new limiter starts full: the first node of a zone is tainted at once. */
export function newBucket(qps: number, now: number): TokenBucket {
  return { qps, tokens: qps > 0 ? BURST : 0, at: now };
}

function refilled(b: TokenBucket, now: number): TokenBucket {
  if (b.qps <= 0) return b;
  return { ...b, tokens: Math.min(BURST, b.tokens + ((now - b.at) / 1000) * b.qps), at: now };
}

/** Takes a token if there is one. */
export function tryAccept(b: TokenBucket, now: number): [boolean, TokenBucket] {
  const r = refilled(b, now);
  if (r.tokens < 1) return [false, r];
  return [true, { ...r, tokens: r.tokens - 1 }];
}

/**
 * Upstream `RateLimitedTimedQueue.SwapLimiter`: a new rate gets a new bucket, drained when the
 * old one had no token to give (so a change of rate does not grant an extra taint).
 */
export function swapRate(b: TokenBucket, qps: number, now: number): TokenBucket {
  if (b.qps === qps) return b;
  if (qps <= 0) return newBucket(0, now);
  const [hadToken] = tryAccept(b, now);
  return hadToken ? newBucket(qps, now) : { qps, tokens: 0, at: now };
}
