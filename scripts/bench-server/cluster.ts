import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { liftedLimits } from "./lifted-limits.js";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { redisAvailable, redisMissing, startRedis, type TestRedis } from "../cluster/redis-server.js";
import { numberOptionsOrExit } from "./cli-options.js";
import { cpuSeconds } from "./stats.js";

/**
 * `npm run bench:cluster`: the load of `bench:server` (load.ts: N matches of two SDK clients, each
 * acting once a second) against one server process and then against two, each time behind one
 * fresh Redis (cluster mode: Colyseus's Redis presence and driver). The load generator creates
 * match i through process i mod n, as a proxy in front would spread the requests; the second
 * player joins by code through the same process; each WebSocket goes to the process holding its room. Prints matches, latency p50/p99 and the
 * CPU of every process (servers, Redis, load generator). Loopback only; each phase has a time limit.
 */

const options = numberOptionsOrExit(
  "npm run bench:cluster",
  "The same load against 1 and 2 server processes behind one Redis: matches, latency p50/p99, CPU per process.",
  [
    { name: "matches", fallback: 400, min: 1, max: 2000, help: "concurrent matches, two SDK clients each" },
    { name: "seconds", fallback: 15, min: 1, max: 600, help: "length of the measured window" },
    { name: "warmup", fallback: 5, min: 0, max: 120, help: "seconds of play before the window" },
    { name: "max-processes", fallback: 2, min: 1, max: 8, help: "measure 1, 2 … up to this many server processes" },
  ],
);
const { matches, seconds, warmup } = options as { matches: number; seconds: number; warmup: number };
const root = path.resolve(import.meta.dirname, "../..");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (!redisAvailable) {
  console.error(redisMissing);
  process.exit(1);
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

const tsx = (script: string, args: string[], env: Record<string, string>): ChildProcess =>
  spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });

async function startServer(redis: TestRedis, dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = tsx("scripts/bench-server/server.ts", [], { PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, CLIENT_DIR: path.join(dataDir, "none"), REDIS_URL: redis.url, PUBLIC_ADDRESS: `127.0.0.1:${port}`, ...liftedLimits });
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => line.startsWith("ready ") && resolve());
    child.once("exit", (code) => reject(new Error(`server exited (${code}) before it was ready`)));
  });
  return { child, port };
}

type LoadResult = { samples: number; p50: number; p99: number; actionsPerSecond: number; errors: number; timeouts: number };
type Row = { processes: number; result: LoadResult; roomsPerProcess: number[]; serverCpu: number[]; redisCpu: number; loadCpu: number };

/** Rooms per process as Colyseus's own stats in Redis say (`roomcount`: processId → "rooms,ccu"). */
function roomsPerProcess(redis: TestRedis): number[] {
  const out = execFileSync("/usr/bin/redis-cli", ["-p", String(redis.port), "HGETALL", "roomcount"], { encoding: "utf8" }).trim().split("\n");
  const rooms: number[] = [];
  for (let i = 1; i < out.length; i += 2) rooms.push(Number(out[i]!.split(",")[0]));
  return rooms.sort((a, b) => b - a);
}

async function phase(processes: number): Promise<Row> {
  const redis = await startRedis();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tt-bench-cluster-"));
  const servers: { child: ChildProcess; port: number }[] = [];
  const limit = setTimeout(() => {
    console.error(`${processes} process(es): over the time limit, stopping.`);
    for (const s of servers) s.child.kill("SIGKILL");
    process.exit(2);
  }, (180 + warmup + seconds) * 1000);
  try {
    for (let i = 0; i < processes; i++) servers.push(await startServer(redis, dataDir));
    await sleep(1500);
    const load = tsx("scripts/bench-server/load.ts", [JSON.stringify({ port: servers[0]!.port, ports: servers.map((s) => s.port), room: "negotiation", matches, warmupSeconds: warmup, seconds, chatEvery: 5 })], {});
    const pids = servers.map((s) => s.child.pid!);
    let cpu0: number[] = [];
    let cpu1: number[] = [];
    let t0 = 0;
    let t1 = 0;
    const sample = () => [...pids.map(cpuSeconds), cpuSeconds(redis.process.pid!), cpuSeconds(load.pid!)];
    const result = await new Promise<LoadResult>((resolve, reject) => {
      createInterface({ input: load.stdout! }).on("line", (line) => {
        if (line === "connected") console.log(`  ${processes} process(es): ${matches} matches connected; warming up ${warmup}s, measuring ${seconds}s…`);
        if (line === "measure-start") [cpu0, t0] = [sample(), performance.now()];
        if (line === "measure-end") [cpu1, t1] = [sample(), performance.now()];
        if (line.startsWith("result ")) resolve(JSON.parse(line.slice(7)) as LoadResult);
      });
      load.once("exit", (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
    });
    const rooms = roomsPerProcess(redis);
    load.kill("SIGUSR2");
    const wall = (t1 - t0) / 1000;
    const percent = cpu1.map((c, i) => ((c - cpu0[i]!) / wall) * 100);
    return { processes, result, roomsPerProcess: rooms, serverCpu: percent.slice(0, processes), redisCpu: percent[processes]!, loadCpu: percent[processes + 1]! };
  } finally {
    clearTimeout(limit);
    for (const s of servers) s.child.kill("SIGTERM");
    await sleep(500);
    for (const s of servers) s.child.kill("SIGKILL");
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

console.log(`bench:cluster — ${matches} matches (${matches * 2} SDK clients, one action per client per second), ${os.cpus().length} CPU core(s) on this machine, Node ${process.version}`);
const loadBefore = os.loadavg()[0]!;
const rows: Row[] = [];
for (let n = 1; n <= options["max-processes"]!; n++) rows.push(await phase(n));

console.log("");
console.log("processes | matches | rooms per process | actions/s | p50 ms | p99 ms | errors/timeouts | server CPU per process (% core) | Redis CPU | load gen CPU");
for (const r of rows) {
  console.log(
    `${String(r.processes).padStart(9)} | ${String(matches).padStart(7)} | ${r.roomsPerProcess.join(" + ").padEnd(17)} | ${fmt(r.result.actionsPerSecond).padStart(9)} | ${fmt(r.result.p50, 2).padStart(6)} | ${fmt(r.result.p99, 2).padStart(6)} | ${`${r.result.errors}/${r.result.timeouts}`.padStart(15)} | ${r.serverCpu.map((c) => fmt(c)).join(" + ").padEnd(31)} | ${fmt(r.redisCpu).padStart(8)}% | ${fmt(r.loadCpu)}%`,
  );
}
console.log(`Machine load average (1 min): ${fmt(loadBefore, 1)} before, ${fmt(os.loadavg()[0]!, 1)} after, on ${os.cpus().length} cores: above ${os.cpus().length} other jobs took CPU from the measured processes, and latency then measures waiting for the CPU.`);
const one = rows[0]!;
// Per action, not per match: on a machine short of CPU fewer actions arrive than were planned.
const cpuPerKiloAction = (one.serverCpu[0]! / one.result.actionsPerSecond) * 1000;
console.log(`Server CPU, 1 process: ${fmt(cpuPerKiloAction, 1)} % of a core per 1,000 actions/s, so one core carries ≈ ${fmt(100_000 / cpuPerKiloAction, 0)} actions/s ≈ ${fmt(50_000 / cpuPerKiloAction, 0)} matches at one action per client per second.`);
console.log(`Redis CPU: ${fmt((one.redisCpu / one.result.actionsPerSecond) * 1000, 2)} % of a core per 1,000 actions/s (presence, listings, stats; moves do not pass through Redis).`);
console.log(`
What this ${os.cpus().length}-core machine can and cannot show:
- It shows that the rooms spread (rooms per process), that a client reaches the process holding
  its room, what Redis costs, and what one process costs per match.
- It cannot show the throughput gained by a second process: the load generator (one Node process
  decoding every client's messages), the servers and Redis share the same ${os.cpus().length} cores, so two
  processes compete for the CPU the first one had, and latency percentiles include the load
  generator's own pauses. Scaling across cores and machines is modelled in docs/deploy.md from
  the per-process and per-match figures above, not measured here.`);
