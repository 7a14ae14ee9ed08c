import type { ClassRecord } from "./class-record.js";

/**
 * Group commit of one class's file. `save(record)` resolves once a write that holds this record
 * (or a later version of it) is on disk. While a write is in flight, further saves only replace
 * the record waiting to be written: the next write carries all of them at once, and every caller
 * it covers is answered together. Thirty students joining in the same second cost a few writes,
 * not thirty, and nobody is told "you are in" before the file says so.
 *
 * A failed write fails every save it covered, and every save after it: the file may no longer
 * match what the server holds in memory, so the class takes no more changes until a restart
 * (which reads the last file that reached the disk).
 */

type Waiter = { version: number; resolve: () => void; reject: (error: Error) => void };

export class ClassSaver {
  private latest: ClassRecord | undefined;
  private version = 0;
  private durable = 0;
  private writing = false;
  private waiters: Waiter[] = [];
  private failure: Error | undefined;
  /** Writes that reached the disk (for tests and the bench). */
  writes = 0;

  /** `write` puts one record on disk durably (class-store's `saveClass`); `onSaved` runs after each write. */
  constructor(
    private readonly write: (record: ClassRecord) => Promise<void>,
    private readonly onSaved: (record: ClassRecord) => void = () => {},
  ) {}

  get failed(): Error | undefined {
    return this.failure;
  }

  save(record: ClassRecord): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.latest = record;
    const version = ++this.version;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ version, resolve, reject }));
    if (!this.writing) void this.flush();
    return done;
  }

  /** Resolves once everything saved so far is on disk (at once when it already is): for a change that changed nothing. */
  synced(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.durable === this.version) return Promise.resolve();
    const version = this.version;
    return new Promise<void>((resolve, reject) => this.waiters.push({ version, resolve, reject }));
  }

  private async flush(): Promise<void> {
    this.writing = true;
    while (this.durable < this.version && !this.failure) {
      const version = this.version;
      const record = this.latest!;
      try {
        await this.write(record);
      } catch (error) {
        this.failure = error instanceof Error ? error : new Error(String(error));
        break;
      }
      this.durable = version;
      this.writes++;
      this.onSaved(record);
      this.settle((w) => w.version <= version, (w) => w.resolve());
    }
    if (this.failure) this.settle(() => true, (w) => w.reject(this.failure!));
    this.writing = false;
  }

  private settle(covered: (w: Waiter) => boolean, answer: (w: Waiter) => void): void {
    const now = this.waiters.filter(covered);
    this.waiters = this.waiters.filter((w) => !covered(w));
    for (const w of now) answer(w);
  }
}
