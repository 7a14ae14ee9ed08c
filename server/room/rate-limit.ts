/**
 * A token bucket per connection: `ratePerSecond` sustained, `burst` at once. A message that
 * finds the bucket empty is refused with RATE_LIMITED (and still answered), so a flood costs
 * the server one small reply per message and never reaches the engine or the log.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number = performance.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * One token bucket per key (a source address): `take(key)` as TokenBucket.take. Bounded: past
 * `maxKeys` keys the buckets are dropped (a full bucket and a forgotten one are the same thing,
 * so this forgives at worst, never locks anyone out).
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string, now: number = performance.now()): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.buckets.clear();
      bucket = new TokenBucket(this.ratePerSecond, this.burst, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(now);
  }
}
