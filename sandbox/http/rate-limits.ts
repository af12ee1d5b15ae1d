// Request rate limits per service and region, as AWS applies them per account and region: a token bucket
// (sustained `rate` per second, `burst` at once) and `Throttling` for a call that finds it empty. Off until
// configured (POST /_sandbox/config {"rateLimits": {"cloudformation": {"rate": 5, "burst": 10}}}); the benches
// turn it on to show that the console stays under a limit rather than merely surviving throttling.

export interface RateLimit {
  rate: number;
  burst: number;
}

export type RateLimits = Record<string, RateLimit>;

export class RateLimiter {
  private limits: RateLimits = {};
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  configure(limits: RateLimits): void {
    this.limits = limits;
    this.buckets.clear();
  }

  current(): RateLimits {
    return this.limits;
  }

  /** True when the call may proceed (and takes its token); false when AWS would answer Throttling. */
  allow(service: string, region: string, now = performance.now()): boolean {
    const limit = this.limits[service];
    if (!limit) return true;
    const key = `${service}|${region}`;
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

/** Validates the `rateLimits` config value: an object of service -> { rate > 0, burst >= 1 }. */
export function parseRateLimits(value: unknown): RateLimits | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const limits: RateLimits = {};
  for (const [service, limit] of Object.entries(value)) {
    const { rate, burst } = (limit ?? {}) as Partial<RateLimit>;
    if (typeof rate !== "number" || !(rate > 0) || typeof burst !== "number" || !(burst >= 1)) return null;
    limits[service] = { rate, burst };
  }
  return limits;
}
