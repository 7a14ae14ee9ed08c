import { randomBytes } from "node:crypto";
import pg from "pg";
import { classRecordSchema, type ClassRecord } from "../../classroom/class-record.js";
import { emptyNotes, notesFileSchema, type NotesFile } from "../../notes/notes-store.js";
import { summarizeLog, type MatchSummary } from "../match-catalog.js";
import { isResumableMatch, logText, type ClaimKind, type OpenedLog, type Storage } from "../storage.js";
import { PgLogWriter } from "./log-writer.js";
import { migrate } from "./schema.js";

/**
 * Storage in PostgreSQL (`DATABASE_URL`), shared by every process of a cluster (docs/storage.md).
 * Each write is one transaction, committed before its promise resolves. Records are kept as the
 * same text the files hold (a log's lines, a class's JSON), so both stores answer byte for byte
 * alike. Claims are rows with a lease on the database's clock, taken with one atomic upsert.
 */
export class PgStorage implements Storage {
  readonly kind = "postgres";
  readonly description: string;
  /** Listing cache: a summary is recomputed only for a log whose line count changed. */
  private readonly summaries = new Map<string, { lines: number; summary: MatchSummary | undefined }>();

  private constructor(private readonly pool: pg.Pool) {
    const { user, host, port, database } = pool.options;
    this.description = `PostgreSQL ${user ?? ""}@${host ?? "localhost"}:${port ?? 5432}/${database ?? ""}`;
  }

  /** Connects, migrates the schema, and checks the database answers; throws a sentence a person can act on. */
  static async open(url: string, options: { poolSize?: number } = {}): Promise<PgStorage> {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle connection that breaks (the database restarted) must not end the process: the next query reconnects.
    pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(`Cannot use the database at DATABASE_URL (${(error as Error).message})`);
    }
    return new PgStorage(pool);
  }

  async hasLog(code: string): Promise<boolean> {
    return (await this.pool.query("SELECT 1 FROM tt_matches WHERE code = $1", [code])).rowCount === 1;
  }

  async createLog(code: string, lines: readonly string[]): Promise<void> {
    // One statement, one transaction: the match row and its first lines together; a taken code fails it whole.
    await this.pool.query(
      `WITH m AS (INSERT INTO tt_matches (code, lines) VALUES ($1, cardinality($2::text[])))
       INSERT INTO tt_match_lines (code, n, line) SELECT $1, t.i - 1, t.line FROM unnest($2::text[]) WITH ORDINALITY AS t(line, i)`,
      [code, lines],
    );
  }

  private async lines(code: string): Promise<string[] | undefined> {
    const { rows } = await this.pool.query<{ line: string }>("SELECT line FROM tt_match_lines WHERE code = $1 ORDER BY n", [code]);
    if (rows.length === 0 && !(await this.hasLog(code))) return undefined;
    return rows.map((r) => r.line);
  }

  async openLog(code: string): Promise<OpenedLog | undefined> {
    const lines = await this.lines(code);
    if (!lines) return undefined;
    return { text: logText(lines), writer: new PgLogWriter(this.pool, code, lines.length) };
  }

  async readLog(code: string): Promise<string | undefined> {
    const lines = await this.lines(code);
    return lines && logText(lines);
  }

  async listMatches(): Promise<MatchSummary[]> {
    const { rows } = await this.pool.query<{ code: string; lines: number; abandoned: boolean }>("SELECT code, lines, abandoned FROM tt_matches");
    const summaries: MatchSummary[] = [];
    for (const { code, lines, abandoned } of rows) {
      let entry = this.summaries.get(code);
      if (!entry || entry.lines !== lines) {
        entry = { lines, summary: summarizeLog(code, (await this.readLog(code)) ?? "") };
        this.summaries.set(code, entry);
      }
      if (entry.summary) summaries.push(abandoned && entry.summary.status === "running" ? { ...entry.summary, status: "abandoned" } : entry.summary);
    }
    return summaries.sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || a.id.localeCompare(b.id));
  }

  async discardLog(code: string): Promise<void> {
    await this.pool.query("DELETE FROM tt_match_lines WHERE code = $1", [code]);
    await this.pool.query("DELETE FROM tt_matches WHERE code = $1", [code]);
  }

  async markAbandoned(code: string): Promise<void> {
    await this.pool.query("UPDATE tt_matches SET abandoned = true WHERE code = $1", [code]);
  }

  async saveClass(record: ClassRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO tt_classes (code, status, record) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET status = excluded.status, record = excluded.record, updated_at = now()`,
      [record.code, record.status, JSON.stringify(record)],
    );
  }

  private parseClass(code: string, text: string): ClassRecord | undefined {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const parsed = classRecordSchema.safeParse(raw);
    if (!parsed.success) console.warn(`Class ${code} in the database could not be read; skipped.`);
    return parsed.success ? parsed.data : undefined;
  }

  async loadClass(code: string): Promise<ClassRecord | undefined> {
    const { rows } = await this.pool.query<{ record: string }>("SELECT record FROM tt_classes WHERE code = $1", [code]);
    return rows[0] && this.parseClass(code, rows[0].record);
  }

  async loadClasses(): Promise<ClassRecord[]> {
    const { rows } = await this.pool.query<{ code: string; record: string }>("SELECT code, record FROM tt_classes ORDER BY code");
    return rows.map((r) => this.parseClass(r.code, r.record)).filter((r): r is ClassRecord => r !== undefined);
  }

  private parseNotes(code: string, text: string | undefined): NotesFile {
    if (text === undefined) return emptyNotes(code);
    const parsed = notesFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : emptyNotes(code);
  }

  async readNotes(code: string): Promise<NotesFile> {
    const { rows } = await this.pool.query<{ notes: string }>("SELECT notes FROM tt_notes WHERE code = $1", [code]);
    return this.parseNotes(code, rows[0]?.notes);
  }

  async updateNotes<T>(code: string, change: (current: NotesFile) => { next?: NotesFile; result: T }): Promise<T> {
    return this.transaction(async (client) => {
      // The row exists before it is locked, so two first notes at once wait for each other too.
      await client.query("INSERT INTO tt_notes (code, notes) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING", [code, JSON.stringify(emptyNotes(code))]);
      const { rows } = await client.query<{ notes: string }>("SELECT notes FROM tt_notes WHERE code = $1 FOR UPDATE", [code]);
      const { next, result } = change(this.parseNotes(code, rows[0]?.notes));
      if (next) await client.query("UPDATE tt_notes SET notes = $2 WHERE code = $1", [code, JSON.stringify(next, null, 2) + "\n"]);
      return result;
    });
  }

  async seatSecret(): Promise<Buffer> {
    // The first process to ask makes it; every later one (and every restart) reads that one.
    await this.pool.query("INSERT INTO tt_secrets (name, value) VALUES ('seat-tokens', $1) ON CONFLICT (name) DO NOTHING", [randomBytes(32)]);
    const { rows } = await this.pool.query<{ value: Buffer }>("SELECT value FROM tt_secrets WHERE name = 'seat-tokens'");
    return rows[0]!.value;
  }

  async resumable(): Promise<{ matches: MatchSummary[]; classes: ClassRecord[] }> {
    const matches = (await this.listMatches()).filter(isResumableMatch);
    const { rows } = await this.pool.query<{ code: string; record: string }>("SELECT code, record FROM tt_classes WHERE status <> 'ended' ORDER BY code");
    const classes = rows.map((r) => this.parseClass(r.code, r.record)).filter((r): r is ClassRecord => r !== undefined);
    return { matches, classes };
  }

  async claim(kind: ClaimKind, code: string, owner: string, leaseMs: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO tt_claims (kind, code, owner, expires_at) VALUES ($1, $2, $3, clock_timestamp() + $4 * interval '1 millisecond')
       ON CONFLICT (kind, code) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE tt_claims.owner = excluded.owner OR tt_claims.expires_at < clock_timestamp()`,
      [kind, code, owner, leaseMs],
    );
    return rowCount === 1;
  }

  async renewClaims(owner: string, leaseMs: number): Promise<number> {
    const { rowCount } = await this.pool.query("UPDATE tt_claims SET expires_at = clock_timestamp() + $2 * interval '1 millisecond' WHERE owner = $1", [owner, leaseMs]);
    return rowCount ?? 0;
  }

  async release(kind: ClaimKind, code: string, owner: string): Promise<void> {
    await this.pool.query("DELETE FROM tt_claims WHERE kind = $1 AND code = $2 AND owner = $3", [kind, code, owner]);
  }

  async claimHolder(kind: ClaimKind, code: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ owner: string }>("SELECT owner FROM tt_claims WHERE kind = $1 AND code = $2 AND expires_at >= clock_timestamp()", [kind, code]);
    return rows[0]?.owner;
  }

  private async transaction<T>(job: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await job(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
