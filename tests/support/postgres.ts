import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A real PostgreSQL (Debian's package) for tests: `initdb` into a temporary folder, a free
 * loopback port, stopped and removed by `stop`. PostgreSQL refuses to run as root, so as root it
 * runs as the `postgres` user (runuser). Without the package the tests say so and are skipped
 * locally; under CI=true they fail (`.ci/run` installs postgresql).
 */

/** The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin). */
function findBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  return majors.map((m) => path.join(root, m, "bin")).find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")));
}

export const PG_BIN = findBinDir();
export const postgresAvailable = PG_BIN !== undefined;
export const postgresMissing = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; Debian: apt-get install postgresql); the PostgreSQL storage tests need it.";

export type TestPostgres = {
  port: number;
  /** The server's own database, for making test databases. */
  adminUrl: string;
  /** A fresh, empty database on this server; its URL. */
  newDatabase(): Promise<string>;
  /** Stops the server at once (as a crash would); `start` brings it back on the same port and folder. */
  kill(): void;
  start(): void;
  stop(): Promise<void>;
};

const isRoot = process.getuid?.() === 0;
const USER = "tt";

function run(bin: string, args: string[]): void {
  const command = isRoot ? "runuser" : path.join(PG_BIN!, bin);
  const argv = isRoot ? ["-u", "postgres", "--", path.join(PG_BIN!, bin), ...args] : args;
  const result = spawnSync(command, argv, { encoding: "utf8", cwd: os.tmpdir() });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  if (!PG_BIN) throw new Error(postgresMissing);
  const dir = mkdtempSync(path.join(os.tmpdir(), "tt-pg-"));
  chmodSync(dir, 0o777);
  if (isRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  const port = await freePort();
  run("initdb", ["-D", data, "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync", "--no-instructions"]);
  const start = () =>
    run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-t", "30", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, "start"]);
  start();
  const adminUrl = `postgres://${USER}@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    port,
    adminUrl,
    async newDatabase() {
      const name = `tt_${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://${USER}@127.0.0.1:${port}/${name}`;
    },
    kill() {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    },
    start,
    async stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
