import type pg from "pg";
import type { MatchLogWriter } from "../storage.js";

/**
 * One match's log in PostgreSQL: each `append` is one statement — the lines and the match's
 * line count together — so it commits as one transaction (all the lines or none) before its
 * promise resolves; with PostgreSQL's default `synchronous_commit = on` that commit is on the
 * database's disk. Line numbers are the primary key with the code: a second writer of the same
 * match (two processes resuming it) collides on its first append and is refused, never interleaved.
 */
const APPEND = `WITH added AS (
    INSERT INTO tt_match_lines (code, n, line)
    SELECT $1, $2 + t.i - 1, t.line FROM unnest($3::text[]) WITH ORDINALITY AS t(line, i)
  )
  UPDATE tt_matches SET lines = $2 + cardinality($3::text[]) WHERE code = $1`;

export class PgLogWriter implements MatchLogWriter {
  readonly writesSynchronously = false;
  readonly name: string;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly code: string,
    /** Lines committed so far: the next line's number. */
    private lines: number,
  ) {
    this.name = `match ${code} in PostgreSQL`;
  }

  async append(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    if (this.closed) throw new Error(`${this.name} is closed`);
    try {
      await this.pool.query(APPEND, [this.code, this.lines, lines]);
    } catch (error) {
      if ((error as { code?: string }).code === "23505") throw new Error(`${this.name} was appended to by another process (two processes hosting one match)`);
      throw error;
    }
    this.lines += lines.length;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
