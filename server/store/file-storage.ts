import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { loadClass, loadClasses, saveClass } from "../classroom/class-store.js";
import type { ClassRecord } from "../classroom/class-record.js";
import { readNotesFile, writeNotesFile, type NotesFile } from "../notes/notes-store.js";
import { ensureMatchesDir, listMatches, logPath, markAbandoned, type MatchSummary } from "./match-catalog.js";
import { MatchLogFile, trimTornTail } from "./match-log.js";
import { isResumableMatch, type ClaimKind, type OpenedLog, type Storage } from "./storage.js";

/**
 * The default storage: the data folder, as the server has always kept it (docs/storage.md).
 * `<dataDir>/matches/<code>.jsonl` (logs, server/store/match-log.ts), `<code>.notes.json`
 * beside them, `<dataDir>/classes/<code>.json`, and the seat-token secret in `<dataDir>/secret`.
 * One process only: two processes appending to one folder would interleave, and claims are
 * kept in this process's memory.
 */
export class FileStorage implements Storage {
  readonly kind = "files";
  readonly description: string;
  private readonly claims = new Map<string, { owner: string; until: number }>();
  /** Changes to one match's notes, one after another. */
  private readonly notesQueues = new Map<string, Promise<unknown>>();

  private constructor(
    readonly dataDir: string,
    private readonly syncMs: number,
  ) {
    this.description = `files in ${dataDir}`;
  }

  /** `syncMs`: config `logSyncMs` (how match logs reach the device, server/store/match-log.ts). */
  static async open(dataDir: string, syncMs: number): Promise<FileStorage> {
    await ensureMatchesDir(dataDir);
    return new FileStorage(dataDir, syncMs);
  }

  hasLog(code: string): Promise<boolean> {
    return fs.access(logPath(this.dataDir, code)).then(() => true, () => false);
  }

  async createLog(code: string, lines: readonly string[]): Promise<void> {
    const log = await MatchLogFile.create(logPath(this.dataDir, code), lines, this.syncMs);
    await log.close();
  }

  async openLog(code: string): Promise<OpenedLog | undefined> {
    const file = logPath(this.dataDir, code);
    const text = await trimTornTail(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (text === undefined) return undefined;
    return { text, writer: await MatchLogFile.openForAppend(file, this.syncMs) };
  }

  readLog(code: string): Promise<string | undefined> {
    return fs.readFile(logPath(this.dataDir, code), "utf8").catch(() => undefined);
  }

  async discardLog(code: string): Promise<void> {
    await fs.unlink(logPath(this.dataDir, code)).catch(() => undefined);
  }

  markAbandoned(code: string): Promise<void> {
    return markAbandoned(this.dataDir, code);
  }

  listMatches(): Promise<MatchSummary[]> {
    return listMatches(this.dataDir);
  }

  saveClass(record: ClassRecord): Promise<void> {
    return saveClass(this.dataDir, record);
  }

  loadClass(code: string): Promise<ClassRecord | undefined> {
    return loadClass(this.dataDir, code);
  }

  loadClasses(): Promise<ClassRecord[]> {
    return loadClasses(this.dataDir);
  }

  readNotes(code: string): Promise<NotesFile> {
    return readNotesFile(this.dataDir, code);
  }

  updateNotes<T>(code: string, change: (current: NotesFile) => { next?: NotesFile; result: T }): Promise<T> {
    const run = (this.notesQueues.get(code) ?? Promise.resolve()).then(async () => {
      const { next, result } = change(await readNotesFile(this.dataDir, code));
      if (next) await writeNotesFile(this.dataDir, next);
      return result;
    });
    this.notesQueues.set(code, run.catch(() => undefined));
    return run;
  }

  async seatSecret(): Promise<Buffer> {
    const file = path.join(this.dataDir, "secret");
    const existing = await fs.readFile(file).catch(() => undefined);
    if (existing && existing.length >= 32) return existing;
    const secret = randomBytes(32);
    try {
      // "wx": processes sharing the folder may start together; the first secret written wins.
      await fs.writeFile(file, secret, { mode: 0o600, flag: existing ? "w" : "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const written = await fs.readFile(file);
      if (written.length >= 32) return written;
      throw new Error(`${file} holds no usable secret; remove it and start again`);
    }
    return secret;
  }

  async resumable(): Promise<{ matches: MatchSummary[]; classes: ClassRecord[] }> {
    const matches = (await this.listMatches()).filter(isResumableMatch);
    const classes = (await this.loadClasses()).filter((c) => c.status !== "ended");
    return { matches, classes };
  }

  async claim(kind: ClaimKind, code: string, owner: string, leaseMs: number): Promise<boolean> {
    const key = `${kind}:${code}`;
    const held = this.claims.get(key);
    if (held && held.owner !== owner && held.until > Date.now()) return false;
    this.claims.set(key, { owner, until: Date.now() + leaseMs });
    return true;
  }

  async renewClaims(owner: string, leaseMs: number): Promise<number> {
    let count = 0;
    for (const held of this.claims.values()) {
      if (held.owner !== owner) continue;
      held.until = Date.now() + leaseMs;
      count++;
    }
    return count;
  }

  async release(kind: ClaimKind, code: string, owner: string): Promise<void> {
    const key = `${kind}:${code}`;
    if (this.claims.get(key)?.owner === owner) this.claims.delete(key);
  }

  async claimHolder(kind: ClaimKind, code: string): Promise<string | undefined> {
    const held = this.claims.get(`${kind}:${code}`);
    return held && held.until > Date.now() ? held.owner : undefined;
  }

  async close(): Promise<void> {}
}
