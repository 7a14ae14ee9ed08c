import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Client } from "@colyseus/sdk";
import { NEGOTIATION_ROOM } from "../../shared/index.js";
import { numberOptionsOrExit } from "../bench-server/cli-options.js";
import type { LiveMemory } from "../bench-server/live-memory.js";
import { rssBytes } from "../bench-server/stats.js";

/**
 * `npm run soak:memory [-- --matches 1000 --abandon-seconds 20]` (issue 19): a server that saw
 * many abandoned matches (created, then left before they started) gives its memory back once
 * the reaping window has passed. One server process on loopback; its live memory (heap in use +
 * array buffers after a full collection) and RSS are read idle, right after the matches, and
 * after every match was reaped (each has its `.abandoned` marker). PASS when the live memory
 * after reaping is within `--budget-mb` (20) of the idle figure.
 */

const options = numberOptionsOrExit(
  "npm run soak:memory",
  "A server that saw many abandoned matches returns to its idle memory after the reaping window.\nPrints idle / after the matches / after reaping (live heap and RSS) and PASS or FAIL.",
  [
    { name: "matches", fallback: 1000, min: 1, max: 20_000, help: "matches created and left before they start" },
    { name: "abandon-seconds", fallback: 20, min: 1, max: 3600, help: "the server's reaping window (ABANDON_MINUTES, in seconds)" },
    { name: "concurrency", fallback: 20, min: 1, max: 500, help: "creates in flight at once" },
    { name: "budget-mb", fallback: 20, min: 1, max: 4096, help: "how far above idle the live memory may stay after reaping" },
  ],
);
const matches = options.matches!;
const abandonSeconds = options["abandon-seconds"]!;
const budgetMb = options["budget-mb"]!;
const root = path.resolve(import.meta.dirname, "../..");
const mb = (bytes: number) => bytes / (1024 * 1024);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const dataDir = mkdtempSync(path.join(os.tmpdir(), "tt-soak-memory-"));
const env = {
  PORT: "0",
  HOST: "127.0.0.1",
  DATA_DIR: dataDir,
  CLIENT_DIR: path.join(dataDir, "none"),
  ABANDON_MINUTES: String(abandonSeconds / 60),
  // A page that leaves is gone at once (no reconnection window to wait out).
  RECONNECT_SECONDS: "0",
  // Every match comes from this one address: the per-source limits would (rightly) stop it.
  CREATES_PER_MINUTE: "100000",
  JOINS_PER_SECOND: "100000",
  JOIN_BURST: "100000",
};
// The benchmark's server: the real game server that answers SIGWINCH with its live memory after a full collection.
const server: ChildProcess = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "scripts/bench-server/server.ts"], {
  cwd: root,
  env: { ...process.env, ...env },
  stdio: ["ignore", "pipe", "inherit"],
});
const liveAnswers: ((live: LiveMemory | null) => void)[] = [];
let ready: (port: number) => void = () => {};
let failedToStart: (error: Error) => void = () => {};
const port = new Promise<number>((resolve, reject) => ((ready = resolve), (failedToStart = reject)));
createInterface({ input: server.stdout! }).on("line", (line) => {
  if (line.startsWith("ready ")) ready(Number(line.slice(6)));
  else if (line.startsWith("live ")) liveAnswers.shift()?.(JSON.parse(line.slice(5)) as LiveMemory | null);
});
server.once("exit", (code) => failedToStart(new Error(`The server exited (${code}).`)));

type Reading = { liveMb: number; rssMb: number };
async function reading(): Promise<Reading> {
  const live = await new Promise<LiveMemory | null>((resolve) => {
    liveAnswers.push(resolve);
    server.kill("SIGWINCH");
  });
  if (!live) throw new Error("the server has no --expose-gc");
  return { liveMb: mb(live.heapBytes + live.arrayBufferBytes), rssMb: mb(rssBytes(server.pid!)) };
}

const abandonedCount = () => readdirSync(path.join(dataDir, "matches")).filter((n) => n.endsWith(".abandoned")).length;

async function main(): Promise<boolean> {
  const url = `ws://127.0.0.1:${await port}`;
  await sleep(1000);
  const idle = await reading();

  const started = performance.now();
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < matches) {
      next++;
      try {
        const room = await new Client(url).create(NEGOTIATION_ROOM, { side: "japan", name: "Soak" });
        room.onMessage("*", () => undefined);
        await room.leave();
      } catch (error) {
        failed++;
        if (failed <= 3) console.error(`create failed: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency! }, worker));
  const createSeconds = (performance.now() - started) / 1000;
  const loaded = await reading();

  const deadline = Date.now() + (abandonSeconds + 60) * 1000;
  while (abandonedCount() < matches - failed && Date.now() < deadline) await sleep(500);
  const reaped = abandonedCount();
  // Rooms close right after their marker is written: give the last ones a moment.
  await sleep(2000);
  const after = await reading();

  const row = (label: string, r: Reading) => `${label.padEnd(28)}${r.liveMb.toFixed(1).padStart(10)}${r.rssMb.toFixed(1).padStart(10)}`;
  console.log(`${matches} matches created and left in ${createSeconds.toFixed(1)} s (${failed} failed); reaping window ${abandonSeconds} s; ${reaped} marked abandoned.`);
  console.log(`${"".padEnd(28)}${"live MB".padStart(10)}${"RSS MB".padStart(10)}`);
  console.log(row("idle", idle));
  console.log(row("after the matches", loaded));
  console.log(row("after reaping", after));
  const growth = after.liveMb - idle.liveMb;
  const pass = growth <= budgetMb && reaped === matches - failed && failed === 0;
  console.log(`live memory after reaping: ${growth >= 0 ? "+" : ""}${growth.toFixed(1)} MB over idle (budget ${budgetMb} MB); RSS ${(after.rssMb - idle.rssMb).toFixed(1)} MB over idle`);
  console.log(pass ? "PASS" : "FAIL");
  return pass;
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error((error as Error).message);
} finally {
  server.kill("SIGTERM");
  await sleep(500);
  server.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
