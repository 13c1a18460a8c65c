// Per-visitor rate limit (token bucket): a burst of `burst` calls, refilled at `perSecond`.
// Configured by BRIDGE_RATE_LIMIT="<burst>/<perSecond>" or "off".

export interface RateLimitConfig {
  burst: number;
  perSecond: number;
}

export function rateLimitFromEnv(value = process.env.BRIDGE_RATE_LIMIT, fallback: RateLimitConfig = { burst: 60, perSecond: 5 }): RateLimitConfig | null {
  if (value === "off" || value === "0") return null;
  const match = value ? /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value) : null;
  return match ? { burst: Number(match[1]), perSecond: Number(match[2]) } : fallback;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private sweeps = 0;

  constructor(private readonly config: RateLimitConfig | null) {}

  /** Takes one call for `key`; false when the visitor must wait. */
  take(key: string, now = Date.now()): boolean {
    if (!this.config) return true;
    const { burst, perSecond } = this.config;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (++this.sweeps % 1000 === 0) this.sweep(now);
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return true;
  }

  /** Forgets full buckets so the map does not grow with every visitor ever seen. */
  private sweep(now: number) {
    const { burst, perSecond } = this.config!;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) this.buckets.delete(key);
    }
  }
}

export const RATE_LIMIT_STATUS = 429;
