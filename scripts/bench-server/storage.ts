import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FileStorage } from "../../server/store/file-storage.js";
import type { MatchLogWriter, Storage } from "../../server/store/storage.js";
import { postgresAvailable, postgresMissing, startPostgres, type TestPostgres } from "../../tests/support/postgres.js";
import { numberOptionsOrExit } from "./cli-options.js";

/**
 * `npm run bench:storage`: what one committed match-log append costs in each storage — files
 * with `logSyncMs` 200 (the default: written before the broadcast, on the device within 200 ms),
 * files with `logSyncMs` 0 (fdatasync per append) and PostgreSQL (a committed transaction per
 * append). One match appending alone (the latency a move waits), then many matches appending at
 * once (what a busy server sees: PostgreSQL commits them in groups). PostgreSQL is the one at
 * DATABASE_URL, else a throwaway server from Debian's package on a free port.
 */

const values = numberOptionsOrExit("npm run bench:storage", "Committed match-log appends per storage: one match alone, then many at once.", [
  { name: "appends", fallback: 1000, min: 10, max: 100_000, help: "appends of the lone match" },
  { name: "matches", fallback: 200, min: 1, max: 5000, help: "matches appending at once" },
  { name: "each", fallback: 20, min: 1, max: 1000, help: "appends per match in the concurrent run" },
  { name: "pool", fallback: 10, min: 1, max: 200, help: "PostgreSQL connections (the server uses 10)" },
]);

/** A move's log line, about the size of a real one (a proposal with its hash chain). */
const LINE = JSON.stringify({ kind: "action", seq: 0, round: 3, action: { type: "propose", by: "p1", offer: { tariff: 15, cars: 15, rice: "quota", invest: 550, chips: "no", beef: "status quo" } }, at: new Date().toISOString(), prev: "f".repeat(64) });

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(3)} ms`;

async function timedAppend(writer: MatchLogWriter, line: string): Promise<number> {
  const start = performance.now();
  await writer.append([line]);
  return performance.now() - start;
}

async function bench(label: string, storage: Storage): Promise<void> {
  await storage.createLog("LONE", ["header"]);
  const lone = (await storage.openLog("LONE"))!.writer;
  const alone: number[] = [];
  for (let i = 0; i < values.appends!; i++) alone.push(await timedAppend(lone, LINE));
  await lone.close();
  alone.sort((a, b) => a - b);

  const writers: MatchLogWriter[] = [];
  for (let m = 0; m < values.matches!; m++) {
    await storage.createLog(`M${m}`, ["header"]);
    writers.push((await storage.openLog(`M${m}`))!.writer);
  }
  const together: number[] = [];
  const start = performance.now();
  await Promise.all(
    writers.map(async (writer) => {
      for (let i = 0; i < values.each!; i++) together.push(await timedAppend(writer, LINE));
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  for (const writer of writers) await writer.close();
  together.sort((a, b) => a - b);

  console.log(`${label}`);
  console.log(`  one match alone, ${values.appends} appends:  p50 ${ms(percentile(alone, 50))}  p99 ${ms(percentile(alone, 99))}`);
  console.log(`  ${values.matches} matches at once, ${together.length} appends:  ${Math.round(together.length / seconds)} appends/s  p50 ${ms(percentile(together, 50))}  p99 ${ms(percentile(together, 99))}`);
}

async function main(): Promise<void> {
  console.log(`Match-log appends, committed before they return — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}`);
  for (const syncMs of [200, 0]) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tt-bench-storage-"));
    try {
      await bench(`files, logSyncMs ${syncMs}${syncMs ? " (default: written before it returns, fdatasync within 200 ms)" : " (fdatasync before it returns)"}`, await FileStorage.open(dir, syncMs));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  let server: TestPostgres | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    if (!postgresAvailable) return console.log(`PostgreSQL: not measured (${postgresMissing})`);
    server = await startPostgres();
    url = await server.newDatabase();
  }
  const { PgStorage } = await import("../../server/store/pg/pg-storage.js");
  const storage = await PgStorage.open(url, { poolSize: values.pool! });
  try {
    await bench(`PostgreSQL${server ? " (a throwaway server on this machine, synchronous_commit on)" : " at DATABASE_URL"}: a transaction commit per append`, storage);
  } finally {
    await storage.close();
    await server?.stop();
  }
}

main().catch((error: Error) => {
  console.error(`bench:storage failed: ${error.message}`);
  process.exit(1);
});
