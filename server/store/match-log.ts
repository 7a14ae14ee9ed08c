import { constants, fdatasync, fstatSync, ftruncateSync, promises as fs, writeSync } from "node:fs";
import path from "node:path";
import type { MatchLogWriter } from "./storage.js";

/**
 * One match's JSONL log on disk. `append` returns only once the lines are safe, so the room
 * broadcasts an action only after that. How safe is `syncMs` (config `logSyncMs`):
 *
 * - `syncMs > 0` (the default, 200): the lines are written to the operating system with one
 *   synchronous write(2) before `append` returns, so they survive `kill -9` or any crash of the
 *   server process; a background fdatasync puts them on the storage device within `syncMs`, so
 *   a power cut or kernel crash can lose at most the last `syncMs` of moves. The write takes
 *   tens of microseconds on the main thread; the trip through libuv's thread pool it replaces was the
 *   largest part of a move's latency under load (measured with `npm run bench:server`).
 * - `syncMs = 0`: the file is opened with O_DSYNC and written through the thread pool: each
 *   append is on the device before it returns (fsync in one system call). Slower under load.
 */
const APPEND = constants.O_WRONLY | constants.O_APPEND;

export class MatchLogFile implements MatchLogWriter {
  /** Lines written since the last fdatasync began. */
  private dirty = false;
  /** Background fdatasyncs not yet finished; `close` waits for them (the descriptor must stay open). */
  private flushesInFlight = 0;
  private readonly flushWaiters: (() => void)[] = [];
  private flushes = 0;

  private constructor(
    readonly file: string,
    private readonly handle: fs.FileHandle,
    private readonly syncMs: number,
  ) {}

  /** Creates the file (it must not exist) with its first lines, durable on the device with its name. */
  static async create(file: string, lines: readonly string[], syncMs: number): Promise<MatchLogFile> {
    const handle = await fs.open(file, APPEND | constants.O_CREAT | constants.O_EXCL | (syncMs === 0 ? constants.O_DSYNC : 0), 0o644);
    const log = new MatchLogFile(file, handle, syncMs);
    try {
      await log.append(lines);
      if (syncMs > 0) await handle.datasync();
      await syncDirectory(path.dirname(file));
    } catch (error) {
      // A full disk leaves no empty or partial log behind: the file is ours (O_EXCL), so remove it.
      await handle.close().catch(() => undefined);
      await fs.unlink(file).catch(() => undefined);
      throw error;
    }
    return log;
  }

  /** Opens an existing log to go on appending (resume after a restart). */
  static async openForAppend(file: string, syncMs: number): Promise<MatchLogFile> {
    return new MatchLogFile(file, await fs.open(file, APPEND | (syncMs === 0 ? constants.O_DSYNC : 0)), syncMs);
  }

  get name(): string {
    return this.file;
  }

  /** True when `append` writes before it returns (`syncMs > 0`); false when it returns a promise. */
  get writesSynchronously(): boolean {
    return this.syncMs > 0;
  }

  /** Resolves (or returns) once the lines are as safe as `syncMs` promises; throws when they could not be written. */
  append(lines: readonly string[]): Promise<void> | void {
    if (lines.length === 0) return;
    const text = lines.length === 1 ? `${lines[0]}\n` : `${lines.join("\n")}\n`;
    if (this.syncMs === 0) return this.writeDurable(Buffer.from(text));
    // A string straight to write(2): no Buffer per move (hundreds of rooms make this a hot path).
    const expected = Buffer.byteLength(text);
    const written = writeSync(this.handle.fd, text);
    if (written !== expected) {
      // A full disk took part of the lines: cut them off again, so the file ends with whole lines.
      try {
        ftruncateSync(this.handle.fd, fstatSync(this.handle.fd).size - written);
      } catch {
        // The torn tail is trimmed when the log is next opened (trimTornTail).
      }
      throw new Error(`short write to ${this.file} (${written} of ${expected} bytes)`);
    }
    if (!this.dirty) {
      this.dirty = true;
      syncSoon(this, this.syncMs);
    }
  }

  private async writeDurable(data: Buffer): Promise<void> {
    const { bytesWritten } = await this.handle.write(data);
    // A regular file is written whole or not at all (full disk → an error); never go on past a short write.
    if (bytesWritten !== data.length) throw new Error(`short write to ${this.file} (${bytesWritten} of ${data.length} bytes)`);
  }

  /** How many background fdatasyncs have begun (tests check there is one per `syncMs`, not one per append). */
  get flushesStarted(): number {
    return this.flushes;
  }

  /** Resolves once everything appended so far is on the device. */
  sync(): Promise<void> {
    this.beginFlush();
    if (this.flushesInFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.flushWaiters.push(resolve));
  }

  /**
   * The background flush: one fdatasync for everything appended since the last one began. The
   * callback form, not the FileHandle's promise: a promise chain per log per flush lived just
   * long enough to be promoted, and then collected by the full garbage collector.
   */
  beginFlush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.flushes++;
    this.flushesInFlight++;
    fdatasync(this.handle.fd, (error) => {
      if (error) console.error(`Could not flush ${this.file} to disk: ${error.message}`);
      if (--this.flushesInFlight > 0) return;
      for (const resolve of this.flushWaiters.splice(0)) resolve();
    });
  }

  async close(): Promise<void> {
    pending.delete(this);
    await this.sync();
    await this.handle.close().catch(() => undefined);
  }
}

/** Logs with lines not yet on the device, flushed together `syncMs` after the first of them. */
const pending = new Set<MatchLogFile>();
let timer: NodeJS.Timeout | undefined;

function syncSoon(log: MatchLogFile, ms: number): void {
  pending.add(log);
  if (timer) return;
  timer = setTimeout(flushPending, ms);
  timer.unref();
}

function flushPending(): void {
  timer = undefined;
  const logs = [...pending];
  pending.clear();
  for (const log of logs) log.beginFlush();
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * A log whose last line was cut by a crash mid-write (no final newline) loses that line:
 * it was never acknowledged, since acknowledgement waits for the write. Returns the kept text.
 */
export async function trimTornTail(file: string): Promise<string> {
  const text = await fs.readFile(file, "utf8");
  if (text === "" || text.endsWith("\n")) return text;
  const kept = text.slice(0, text.lastIndexOf("\n") + 1);
  await fs.truncate(file, Buffer.byteLength(kept, "utf8"));
  return kept;
}
