/**
 * Failed secret attempts (instructor keys, rejoin tokens) per source: after `max` failures in
 * `windowMs` the source is refused until the window passes. Memory stays bounded by pruning.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly max = 10, private readonly windowMs = 60_000) {}

  blocked(source: string, now = Date.now()): boolean {
    const recent = (this.failures.get(source) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length === 0) this.failures.delete(source);
    else this.failures.set(source, recent);
    return recent.length >= this.max;
  }

  fail(source: string, now = Date.now()): void {
    if (this.failures.size > 10_000) this.failures.clear();
    this.failures.set(source, [...(this.failures.get(source) ?? []), now]);
  }
}
