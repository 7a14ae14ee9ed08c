import pg from "pg";
import { PgStorage } from "../../../server/store/pg/pg-storage.js";
import { postgresAvailable, postgresMissing, startPostgres, type TestPostgres } from "../../support/postgres.js";
import { startWriter, storageContract, until, type StoreUnderTest } from "./contract.js";

/**
 * The storage contract on a real PostgreSQL (tests/support/postgres.ts), a fresh database per
 * test. Refusing writes: the database set read-only and its sessions ended (what an operator's
 * `default_transaction_read_only` or a failing disk does); running out mid-stream: the server
 * crashes (`pg_ctl stop -m immediate`) under a writing process, then starts again.
 */

let server: TestPostgres;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

storageContract({
  name: "PostgreSQL",
  available: postgresAvailable,
  missing: postgresMissing,
  async beforeAll() {
    server = await startPostgres();
  },
  async afterAll() {
    await server?.stop();
  },
  async fresh(): Promise<StoreUnderTest> {
    const url = await server.newDatabase();
    const name = new URL(url).pathname.slice(1);
    let refusing = false;
    const endSessions = () => admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
    return {
      open: () => PgStorage.open(url),
      env: { DATABASE_URL: url },
      async refuseWrites() {
        await admin(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
        await endSessions();
        refusing = true;
      },
      async allowWrites() {
        if (!refusing) return;
        await admin(`ALTER DATABASE ${name} RESET default_transaction_read_only`);
        await endSessions();
        refusing = false;
      },
      async runOutMidStream(code) {
        const writer = startWriter(["log", code], { DATABASE_URL: url });
        await until(() => writer.acked() >= 50 || writer.child.exitCode !== null, "50 acknowledged appends");
        server.kill();
        try {
          await until(() => writer.child.exitCode !== null, "the writer to notice the database is gone");
        } finally {
          server.start();
        }
        return { acked: writer.acked(), output: writer.output() };
      },
    };
  },
});
