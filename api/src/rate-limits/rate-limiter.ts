/** One caller's allowance for one kind of request: a token bucket refilled evenly over a minute. */
interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface RateDecision {
  readonly allowed: boolean;
  /** Whole seconds until the next request would be allowed (0 when allowed). */
  readonly retryAfterSeconds: number;
}

/**
 * Counts requests per key (kind + caller) in memory, so each API instance enforces the limit on its own share of
 * the traffic. Idle buckets are forgotten, bounding the memory to the callers of the last minute.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string): RateDecision {
    if (this.perMinute <= 0) return { allowed: true, retryAfterSeconds: 0 };
    const now = this.now();
    const refillPerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, updatedAt: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.updatedAt) * refillPerMs);
    bucket.updatedAt = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.forgetIdle(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)),
    };
  }

  private forgetIdle(now: number): void {
    // Map order is least recently used first: a full bucket has been idle for a minute and can go.
    for (const [key, bucket] of this.buckets) {
      const idle = now - bucket.updatedAt >= 60_000;
      if (!idle && this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
