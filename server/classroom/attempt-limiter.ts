/**
 * Failed secret attempts (instructor keys, student tokens, seat tokens), counted per key: the
 * callers count each failure twice, under the source address and under the target (class or
 * match), so neither one address nor many can hide. Being over the limit only changes how a
 * *wrong* secret is answered (RATE_LIMITED instead of FORBIDDEN): every secret is still checked,
 * and a right one always gets in, so nobody's failures can lock an honest user out. (Secrets are
 * 24 random bytes: guessing is hopeless whatever the pace; the limit keeps a guesser's answers
 * cheap and tells them to stop.) Fixed windows of `windowMs`; memory is bounded by `maxKeys`.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, { since: number; count: number }>();

  constructor(private readonly max = 10, private readonly windowMs = 60_000, private readonly maxKeys = 10_000) {}

  private current(key: string, now: number): { since: number; count: number } | undefined {
    const entry = this.failures.get(key);
    if (entry && now - entry.since >= this.windowMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  /** True once `key` has `max` failures in the current window. */
  blocked(key: string, now = Date.now()): boolean {
    return (this.current(key, now)?.count ?? 0) >= this.max;
  }

  /** Counts a failure under every key; true when any of them is now over the limit. */
  fail(keys: string | readonly string[], now = Date.now()): boolean {
    let over = false;
    for (const key of typeof keys === "string" ? [keys] : keys) {
      const entry = this.current(key, now);
      if (entry) entry.count++;
      else {
        if (this.failures.size >= this.maxKeys) this.failures.clear();
        this.failures.set(key, { since: now, count: 1 });
      }
      over ||= this.blocked(key, now);
    }
    return over;
  }
}
