import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

/**
 * `npm run start:cluster -- --processes N`: N game server processes on this machine, one port
 * each (PORT, PORT+1, …), all on REDIS_URL (Colyseus's Redis presence and driver) and the same
 * storage (DATA_DIR, or DATABASE_URL when the server supports it). Each process is told its own
 * public address (`--public-host`:its port), where browsers open its WebSocket. A process that
 * dies is started again after a pause; meanwhile the others have taken over its matches.
 */

const HELP = `Usage: npm run start:cluster -- [--processes N] [--port P] [--public-host HOST]
Starts N Tariff Talks server processes on this machine against one Redis (REDIS_URL, required)
and one storage (DATA_DIR, default ./data; DATABASE_URL is passed on when set).

Options:
  --processes N      how many server processes (default 2, 1–64)
  --port P           port of the first process; the others take P+1, P+2… (default PORT or 2567)
  --public-host H    host name browsers reach these ports at (default HOST, else localhost)
  --help             this text

Every other setting is the server's own environment (docs/deploy.md, README).
Build the client first (npm run build) to serve it from every process.`;

function stop(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function parse(argv: string[]): { processes: number; port: number; publicHost: string } {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(HELP);
    process.exit(0);
  }
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    if (!["--processes", "--port", "--public-host"].includes(flag)) stop(`Unknown option "${flag}".\n\n${HELP}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) stop(`${flag} needs a value.`);
    values[flag] = value;
  }
  const whole = (flag: string, fallback: number, min: number, max: number): number => {
    const raw = values[flag];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) stop(`${flag} takes a whole number from ${min} to ${max}, not "${raw}".`);
    return n;
  };
  const processes = whole("--processes", 2, 1, 64);
  const port = whole("--port", Number(process.env.PORT ?? 2567), 1, 65535 - processes);
  const host = process.env.HOST && process.env.HOST !== "0.0.0.0" ? process.env.HOST : "localhost";
  return { processes, port, publicHost: values["--public-host"] ?? host };
}

const { processes, port, publicHost } = parse(process.argv.slice(2));
if (!process.env.REDIS_URL) stop("Set REDIS_URL (e.g. redis://127.0.0.1:6379) to the Redis the processes share; a single process without Redis is `npm start`.");

const root = path.resolve(import.meta.dirname, "../..");
const RESTART_PAUSE_MS = 2000;
const children = new Map<number, ChildProcess>();
let stopping = false;

function startOne(index: number): void {
  const own = port + index;
  const name = `p${index + 1}:${own}`;
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(own), PUBLIC_ADDRESS: `${publicHost}:${own}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.set(index, child);
  createInterface({ input: child.stdout! }).on("line", (line) => console.log(`[${name}] ${line}`));
  createInterface({ input: child.stderr! }).on("line", (line) => console.error(`[${name}] ${line}`));
  child.once("exit", (code, signal) => {
    children.delete(index);
    if (stopping) return;
    console.error(`[${name}] stopped (${signal ?? `exit ${code}`}); the other processes take over its matches; starting it again in ${RESTART_PAUSE_MS / 1000} s.`);
    setTimeout(() => !stopping && startOne(index), RESTART_PAUSE_MS);
  });
}

for (let i = 0; i < processes; i++) startOne(i);
console.log(`Started ${processes} process(es) on ports ${port}–${port + processes - 1} (public addresses ${publicHost}:${port}…), Redis ${process.env.REDIS_URL}.`);

function shutdown(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill(signal);
  const force = setTimeout(() => {
    for (const child of children.values()) child.kill("SIGKILL");
    process.exit(1);
  }, 15_000);
  const wait = setInterval(() => {
    if (children.size > 0) return;
    clearInterval(wait);
    clearTimeout(force);
    process.exit(0);
  }, 100);
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
