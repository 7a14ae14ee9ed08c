import type { Presence } from "@colyseus/core";

/**
 * Who hosts what: a match (its code) or a class (`class:CODE`) is opened by exactly one process.
 * Alone, a process holds everything it opens (`LocalClaims`). In a cluster (`PresenceClaims`) a
 * claim is a record in Colyseus's shared presence naming the process that holds it, and each
 * process proves it is alive with a heartbeat key that expires when it stops beating (kill -9,
 * a frozen machine). A survivor that finds a process without a heartbeat takes over its claims
 * one by one; the first survivor to claim a code opens it, the others are refused. Nothing here
 * depends on where the logs and classes are stored (files or a database).
 */
export interface HostingClaims {
  /** This process now holds `key`; false when a live process holds it. */
  claim(key: string): Promise<boolean>;
  /** Gives `key` up (its match ended or unloaded). Ignored once `stop` ran, so a shut-down process's work is taken over. */
  release(key: string): Promise<void>;
  /** Starts beating and watching the other processes; `onOrphans` gets the keys of each process found dead. */
  start(onOrphans: (keys: string[], deadProcessId: string) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export class LocalClaims implements HostingClaims {
  async claim(): Promise<boolean> {
    return true;
  }
  async release(): Promise<void> {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

/** How fast a dead process is noticed: its heartbeat key lives `heartbeatTtlSeconds`, renewed every `beatMs`. */
export type ClaimTimings = { heartbeatTtlSeconds: number; beatMs: number; watchMs: number };
export const defaultClaimTimings: ClaimTimings = { heartbeatTtlSeconds: 2, beatMs: 500, watchMs: 1000 };

const PROCESSES = "tt:processes";
const OWNERS = "tt:owners";
/** One counter per (key, previous holder): the first to count 1 wins. It outlives any claim in flight, then expires. */
const claimCounter = (key: string, previous: string) => `tt:claim:${key}|${previous}`;
const CLAIM_COUNTER_SECONDS = 600;
/** Bumped on each release, so the next claim of a released key counts on a fresh counter. */
const generation = (key: string) => `tt:gen:${key}`;
const GENERATION_SECONDS = 86_400;
const alive = (processId: string) => `tt:alive:${processId}`;
const held = (processId: string) => `tt:held:${processId}`;

export class PresenceClaims implements HostingClaims {
  private beat: NodeJS.Timeout | undefined;
  private watch: NodeJS.Timeout | undefined;
  private stopped = false;
  private watching = false;

  /** Colyseus's id of this process (known once the server listens). */
  private get processId(): string {
    return this.processIdOf();
  }

  /**
   * `confirmDead` asks Colyseus itself (`matchMaker.healthCheckProcessId`, which also removes the
   * dead process's room listings and stats); a process that still answers is left alone.
   */
  constructor(
    private readonly presence: Presence,
    private readonly processIdOf: () => string,
    private readonly confirmDead: (processId: string) => Promise<boolean>,
    private readonly timings: ClaimTimings = defaultClaimTimings,
  ) {}

  async claim(key: string): Promise<boolean> {
    const owner = await this.presence.hget(OWNERS, key);
    if (owner === this.processId) return true;
    if (owner && (await this.presence.exists(alive(owner)))) return false;
    // One winner per (key, previous holder): an atomic counter, so two survivors never both open it.
    const previous = owner ?? `free${(await this.presence.get(generation(key))) ?? "0"}`;
    const counter = claimCounter(key, previous);
    const count = await this.presence.incr(counter);
    await this.presence.expire(counter, CLAIM_COUNTER_SECONDS);
    if (count !== 1) return false;
    await this.presence.hset(OWNERS, key, this.processId);
    await this.presence.sadd(held(this.processId), key);
    if (owner) await this.presence.srem(held(owner), key);
    return true;
  }

  async release(key: string): Promise<void> {
    if (this.stopped) return;
    if ((await this.presence.hget(OWNERS, key)) !== this.processId) return;
    await this.presence.incr(generation(key));
    await this.presence.expire(generation(key), GENERATION_SECONDS);
    await this.presence.hdel(OWNERS, key);
    await this.presence.srem(held(this.processId), key);
  }

  async start(onOrphans: (keys: string[], deadProcessId: string) => Promise<void>): Promise<void> {
    await this.heartbeat();
    await this.presence.sadd(PROCESSES, this.processId);
    this.beat = setInterval(() => void this.heartbeat().catch(() => undefined), this.timings.beatMs);
    this.watch = setInterval(() => void this.sweep(onOrphans).catch((e: Error) => console.warn(`Cluster watch failed: ${e.message}`)), this.timings.watchMs);
    this.beat.unref();
    this.watch.unref();
    // A process that died while the cluster was down is found at once.
    await this.sweep(onOrphans);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.beat);
    clearInterval(this.watch);
  }

  private async heartbeat(): Promise<void> {
    if (!this.stopped) await this.presence.setex(alive(this.processId), String(Date.now()), this.timings.heartbeatTtlSeconds);
  }

  private async sweep(onOrphans: (keys: string[], deadProcessId: string) => Promise<void>): Promise<void> {
    if (this.watching || this.stopped) return;
    this.watching = true;
    try {
      for (const other of await this.presence.smembers(PROCESSES)) {
        if (other === this.processId || (await this.presence.exists(alive(other)))) continue;
        if (!(await this.confirmDead(other))) continue;
        const keys = await this.presence.smembers(held(other));
        if (keys.length > 0) await onOrphans(keys, other);
        // Keys nobody took over (ended meanwhile, missing) no longer name the dead process.
        for (const key of keys) if ((await this.presence.hget(OWNERS, key)) === other) await this.presence.hdel(OWNERS, key);
        // Taken over, or not resumable (ended, missing: reported by onOrphans); a restart's boot resume still finds unfinished logs.
        await this.presence.del(held(other));
        await this.presence.srem(PROCESSES, other);
      }
    } finally {
      this.watching = false;
    }
  }
}
