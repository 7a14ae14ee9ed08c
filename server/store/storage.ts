import type { ClassRecord } from "../classroom/class-record.js";
import type { NotesFile } from "../notes/notes-store.js";
import type { MatchSummary } from "./match-catalog.js";

/**
 * Where the server keeps what must outlive a process: match logs, classes, instructors' notes
 * and the seat-token secret. Two implementations pass one contract test suite
 * (tests/server/storage/contract.ts):
 *
 * - `FileStorage` (server/store/file-storage.ts), the default: the folder `dataDir`, as always.
 *   One process only: its claims live in that process's memory.
 * - `PgStorage` (server/store/pg-storage.ts), with `DATABASE_URL`: PostgreSQL, shared by every
 *   process of a cluster; its schema is created or upgraded by a migration when it opens.
 *
 * The promise both keep: whatever a method has resolved (or, for a synchronous `append`,
 * returned) is committed — written to the operating system or fsynced (files, see
 * server/store/match-log.ts and `logSyncMs`) or committed in a transaction (PostgreSQL) — so a
 * `kill -9` of the process right after loses none of it. A write the store cannot take (disk
 * full, folder not writable, database down or read-only) rejects or throws; it is never
 * reported as done, and a log is never left with half a line that a reader would see.
 *
 * Resume is a storage operation: `resumable()` lists the unfinished matches and classes, and
 * `openLog` / `loadClass` read them. In a cluster, a process first `claim`s a match or class
 * (a lease that it renews with `renewClaims`), so that two processes never both resume it.
 */
export interface Storage {
  readonly kind: "files" | "postgres";
  /** For people: "files in /srv/tt/data", "PostgreSQL tt@db:5432/tariff". */
  readonly description: string;

  // ── Match logs: JSON lines, appended in order, never rewritten (docs/log-format.md) ──

  /** True when a log with this code exists (new codes are checked against it). */
  hasLog(code: string): Promise<boolean>;
  /** Writes a new log's first lines, committed before it resolves; rejects if the code is taken. */
  createLog(code: string, lines: readonly string[]): Promise<void>;
  /**
   * Opens an existing log to carry on appending (a match being hosted): its committed text
   * (a line torn by a crash mid-write is dropped first — it was never acknowledged) and the one
   * writer of it. Undefined when there is no such log.
   */
  openLog(code: string): Promise<OpenedLog | undefined>;
  /** The log's text, byte for byte what was appended ("line\n" per line); undefined if none. */
  readLog(code: string): Promise<string | undefined>;
  /** The public summary of every match (`GET /api/matches`), newest first. */
  listMatches(): Promise<MatchSummary[]>;
  /**
   * Marks a match that never started, closed with nobody in it, as abandoned: its log is kept
   * untouched, it is listed as `abandoned` and never resumed (docs/log-format.md).
   */
  markAbandoned(code: string): Promise<void>;
  /** Removes the log of a match nobody ever sat in whose first seat could not be saved (a full store); nothing is left behind. */
  discardLog(code: string): Promise<void>;

  // ── Classes: one record per class, replaced whole ──

  /** Replaces the class's record; committed before it resolves; a crash leaves the old record or the new one. */
  saveClass(record: ClassRecord): Promise<void>;
  loadClass(code: string): Promise<ClassRecord | undefined>;
  /** Every class record that parses (a damaged one is reported and skipped). */
  loadClasses(): Promise<ClassRecord[]>;

  // ── Instructors' notes on a match, kept apart from its log ──

  readNotes(code: string): Promise<NotesFile>;
  /**
   * Reads, changes and writes one match's notes with no other change in between (two tabs, or two
   * processes, saving at once lose nothing). `change` returns the new notes (or undefined: no
   * write) and a result handed back to the caller.
   */
  updateNotes<T>(code: string, change: (current: NotesFile) => { next?: NotesFile; result: T }): Promise<T>;

  // ── Seat tokens ──

  /** The secret seat tokens are signed with: made once, then the same for every process and restart. */
  seatSecret(): Promise<Buffer>;

  // ── Resume and claims ──

  /** What a restart or a failover reopens: unfinished matches someone sat down in, and classes not ended. */
  resumable(): Promise<{ matches: MatchSummary[]; classes: ClassRecord[] }>;
  /**
   * Takes (or renews) the right to host a match or class for `leaseMs`. True when `owner` holds
   * it now: nobody held it, the holder's lease ran out, or `owner` already held it. PostgreSQL:
   * one row per claim, taken atomically, so two processes never both win. Files: this process's
   * memory (file storage is for one process).
   */
  claim(kind: ClaimKind, code: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Extends every lease `owner` holds; returns how many it holds. A live process calls it well within `leaseMs`. */
  renewClaims(owner: string, leaseMs: number): Promise<number>;
  /** Gives a claim up (a match that ended or unloaded) so another process may take it at once. */
  release(kind: ClaimKind, code: string, owner: string): Promise<void>;
  /** Who holds a claim whose lease has not run out, if anyone. */
  claimHolder(kind: ClaimKind, code: string): Promise<string | undefined>;

  /** Waits for what is committed to be on the device too, then lets go of files and connections. */
  close(): Promise<void>;
}

export type ClaimKind = "match" | "class";

/** A log opened for appending: its committed text and its writer. */
export type OpenedLog = { text: string; writer: MatchLogWriter };

/** The one writer of a match's log. */
export interface MatchLogWriter {
  /** The log, for messages: its file, or "match X in PostgreSQL". */
  readonly name: string;
  /**
   * True when `append` is done before it returns (files with `logSyncMs > 0`): the room then
   * applies a move without a promise (the per-move hot path). False: `append` returns a promise.
   */
  readonly writesSynchronously: boolean;
  /** Commits the lines (all or none) after those before; throws or rejects when they could not be. */
  append(lines: readonly string[]): Promise<void> | void;
  close(): Promise<void>;
}

/** `resumable()`'s match rule, the same for both stores: running, and a person ever sat down (else it was abandoned, not interrupted). */
export function isResumableMatch(match: MatchSummary): boolean {
  return match.status === "running" && match.players.some((p) => p.bot === undefined);
}

/** The text a list of log lines makes: one "\n" after each line, as files hold it. */
export function logText(lines: readonly string[]): string {
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
