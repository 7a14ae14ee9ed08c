import { classSettingsSchema } from "../../shared/index.js";
import { emptyPlan } from "../../shared/classroom/seating.js";
import type { ClassRecord } from "../../server/classroom/class-record.js";
import { serverConfig } from "../../server/config.js";
import { openStorage } from "../../server/store/open-storage.js";

/**
 * A child process that writes to a storage as fast as it can and says `acked N` on stdout after
 * each write has resolved, for the contract tests to kill -9 it (or starve its store) in the
 * middle. The store comes from the environment as the server takes it: DATA_DIR or DATABASE_URL.
 *
 *   storage-writer.ts log CODE     appends "line N" to match log CODE (made with "header" if new)
 *   storage-writer.ts class CODE   saves class CODE again and again, its createdAt = "vN"
 *
 * A write that fails prints `failed N: message` and exits with status 3.
 */

export const testClass = (code: string, version: number): ClassRecord => ({
  code,
  salt: "s",
  keyHash: "k",
  createdAt: `v${version}`,
  status: "seating",
  paused: false,
  settings: classSettingsSchema.parse({}),
  students: Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, name: `Student ${i} of version ${version}`, tokenHash: "t".repeat(64) })),
  plan: emptyPlan(2, true),
  tables: [],
  watching: {},
  injected: [],
});

async function main(): Promise<void> {
  const [mode, code] = process.argv.slice(2);
  const storage = await openStorage(serverConfig({ dataDir: process.env.DATA_DIR ?? "./data", databaseUrl: process.env.DATABASE_URL || undefined, logSyncMs: Number(process.env.LOG_SYNC_MS ?? 200) }));
  let n = 0;
  const say = (text: string) => process.stdout.write(`${text}\n`);
  try {
    if (mode === "log") {
      if (!(await storage.hasLog(code!))) await storage.createLog(code!, ["header"]);
      const opened = (await storage.openLog(code!))!;
      say("ready");
      for (;; n++) {
        await opened.writer.append([`line ${n} ${"·".repeat(n % 50)}`]);
        say(`acked ${n}`);
      }
    } else if (mode === "class") {
      say("ready");
      for (;; n++) {
        await storage.saveClass(testClass(code!, n));
        say(`acked ${n}`);
      }
    }
  } catch (error) {
    // Exit once the line is out: a pipe's write may still be pending when process.exit runs.
    process.stdout.write(`failed ${n}: ${(error as Error).message}\n`, () => process.exit(3));
  }
}

if (process.argv[1]?.endsWith("storage-writer.ts")) void main();
