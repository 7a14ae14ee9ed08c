import type pg from "pg";

/**
 * The PostgreSQL schema, as numbered migrations applied in order when a server opens the
 * database (`migrate`). Every process of a cluster runs this at start; an advisory lock makes
 * the first do the work and the others wait for it and find nothing left to do. A database
 * migrated by a newer server (a higher version than we know) is refused, not guessed at.
 */

/** Any fixed 64-bit number, the same in every process: the advisory lock of migrations. */
const MIGRATION_LOCK = 2_025_072_2;

const migrations: readonly string[] = [
  // 1: logs, one row per line (appended, never updated); classes, notes and the secret, one row each; claims.
  `CREATE TABLE tt_match_lines (
     code text NOT NULL,
     n integer NOT NULL,
     line text NOT NULL,
     PRIMARY KEY (code, n)
   );
   CREATE TABLE tt_matches (
     code text PRIMARY KEY,
     lines integer NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE tt_classes (
     code text PRIMARY KEY,
     status text NOT NULL,
     record text NOT NULL,
     updated_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE tt_notes (
     code text PRIMARY KEY,
     notes text NOT NULL
   );
   CREATE TABLE tt_secrets (
     name text PRIMARY KEY,
     value bytea NOT NULL
   );
   CREATE TABLE tt_claims (
     kind text NOT NULL,
     code text NOT NULL,
     owner text NOT NULL,
     expires_at timestamptz NOT NULL,
     PRIMARY KEY (kind, code)
   );
   CREATE INDEX tt_claims_owner ON tt_claims (owner);`,
  // 2: a match that never started and was closed with nobody in it (never resumed, listed as abandoned).
  `ALTER TABLE tt_matches ADD COLUMN abandoned boolean NOT NULL DEFAULT false;`,
];

export const SCHEMA_VERSION = migrations.length;

/** Brings the database to `SCHEMA_VERSION`; returns the version it found. */
export async function migrate(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query("CREATE TABLE IF NOT EXISTS tt_schema (version integer NOT NULL)");
    const found = Number((await client.query("SELECT coalesce(max(version), 0) AS v FROM tt_schema")).rows[0].v);
    if (found > SCHEMA_VERSION) throw new Error(`the database's schema is version ${found}, newer than this server's ${SCHEMA_VERSION}: run the newer server`);
    for (let version = found + 1; version <= SCHEMA_VERSION; version++) {
      await client.query(migrations[version - 1]!);
      await client.query("INSERT INTO tt_schema (version) VALUES ($1)", [version]);
    }
    await client.query("COMMIT");
    return found;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
