import { constants, promises as fs, writeSync } from "node:fs";
import path from "node:path";

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

export class MatchLogFile {
  /** Lines written since the last fdatasync began. */
  private dirty = false;
  private flushing: Promise<void> = Promise.resolve();

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
      await handle.close().catch(() => undefined);
      throw error;
    }
    return log;
  }

  /** Opens an existing log to go on appending (resume after a restart). */
  static async openForAppend(file: string, syncMs: number): Promise<MatchLogFile> {
    return new MatchLogFile(file, await fs.open(file, APPEND | (syncMs === 0 ? constants.O_DSYNC : 0)), syncMs);
  }

  /** Resolves (or returns) once the lines are as safe as `syncMs` promises; throws when they could not be written. */
  append(lines: readonly string[]): Promise<void> | void {
    if (lines.length === 0) return;
    const data = Buffer.from(lines.join("\n") + "\n");
    if (this.syncMs === 0) return this.writeDurable(data);
    const written = writeSync(this.handle.fd, data);
    if (written !== data.length) throw new Error(`short write to ${this.file} (${written} of ${data.length} bytes)`);
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

  /** The background flush: one fdatasync for everything appended since the last one began. */
  sync(): Promise<void> {
    if (!this.dirty) return this.flushing;
    this.dirty = false;
    // Through the FileHandle, which keeps the descriptor open until the flush has finished.
    this.flushing = this.flushing.then(() => this.handle.datasync()).catch((error: Error) => console.error(`Could not flush ${this.file} to disk: ${error.message}`));
    return this.flushing;
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
  for (const log of logs) void log.sync();
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
