import { constants, promises as fs } from "node:fs";
import path from "node:path";

/**
 * One match's JSONL log on disk. `append` resolves only after the lines are on disk, so the
 * room broadcasts an action only once it survives `kill -9` (or a power cut). The file is
 * opened with O_DSYNC: each write returns once its data (and the size) is durable, which is
 * fsync in one system call, and one trip through libuv's thread pool instead of two.
 */
const APPEND_DURABLE = constants.O_WRONLY | constants.O_APPEND | constants.O_DSYNC;

export class MatchLogFile {
  private constructor(
    readonly file: string,
    private readonly handle: fs.FileHandle,
  ) {}

  /** Creates the file (it must not exist) with its first lines, and makes the new name durable too. */
  static async create(file: string, lines: readonly string[]): Promise<MatchLogFile> {
    const handle = await fs.open(file, APPEND_DURABLE | constants.O_CREAT | constants.O_EXCL, 0o644);
    const log = new MatchLogFile(file, handle);
    try {
      await log.append(lines);
      await syncDirectory(path.dirname(file));
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    return log;
  }

  /** Opens an existing log to go on appending (resume after a restart). */
  static async openForAppend(file: string): Promise<MatchLogFile> {
    return new MatchLogFile(file, await fs.open(file, APPEND_DURABLE));
  }

  async append(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    const data = Buffer.from(lines.join("\n") + "\n");
    const { bytesWritten } = await this.handle.write(data);
    // A regular file is written whole or not at all (full disk → an error); never go on past a short write.
    if (bytesWritten !== data.length) throw new Error(`short write to ${this.file} (${bytesWritten} of ${data.length} bytes)`);
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
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
 * it was never acknowledged, since acknowledgement waits for the fsync. Returns the kept text.
 */
export async function trimTornTail(file: string): Promise<string> {
  const text = await fs.readFile(file, "utf8");
  if (text === "" || text.endsWith("\n")) return text;
  const kept = text.slice(0, text.lastIndexOf("\n") + 1);
  await fs.truncate(file, Buffer.byteLength(kept, "utf8"));
  return kept;
}
