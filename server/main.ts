import { existsSync, promises as fs } from "node:fs";
import net from "node:net";
import path from "node:path";
import { createGameServer } from "./app.js";
import { configFromEnv, type ServerConfig } from "./config.js";
import { matchesDir } from "./store/match-catalog.js";

/**
 * `npm start`: the game on one port. Problems an operator can fix (port taken, data folder
 * not writable, bad setting) end the process with one sentence, not a stack trace.
 */

function stop(message: string): never {
  console.error(message);
  process.exit(1);
}

async function checkDataDir(config: ServerConfig): Promise<void> {
  const probe = path.join(matchesDir(config.dataDir), `.write-test-${process.pid}`);
  try {
    await fs.mkdir(matchesDir(config.dataDir), { recursive: true });
    const handle = await fs.open(probe, "w");
    await handle.writeFile("ok");
    await handle.sync();
    await handle.close();
    await fs.unlink(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    stop(`Cannot write match logs to ${config.dataDir} (${code}). Make the folder writable or set DATA_DIR to one that is.`);
  }
}

/** Colyseus logs a failed bind with a stack and never settles; ask the OS first. */
function checkPort(config: ServerConfig): Promise<void> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") stop(`Port ${config.port} is already in use (another server running?). Stop it or set PORT to a free port.`);
      if (error.code === "EACCES") stop(`Not allowed to listen on port ${config.port}. Set PORT to a port above 1023.`);
      stop(`Cannot listen on port ${config.port}: ${error.message}`);
    });
    probe.listen(config.port, config.host, () => probe.close(() => resolve()));
  });
}

/** Cluster mode: ioredis would retry an unreachable Redis forever and the server would never start; say so instead. */
function checkRedis(config: ServerConfig): Promise<void> {
  if (config.redisUrl === undefined) return Promise.resolve();
  const url = new URL(config.redisUrl);
  const where = `${url.hostname}:${url.port || 6379}`;
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port || 6379), url.hostname);
    const fail = (why: string) => {
      socket.destroy();
      stop(`Cannot reach Redis at ${where} (${why}). Start Redis there or fix REDIS_URL; without REDIS_URL the server runs alone.`);
    };
    socket.setTimeout(3000, () => fail("no answer in 3 s"));
    socket.once("error", (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
    socket.once("connect", () => (socket.destroy(), resolve()));
  });
}

async function main(): Promise<void> {
  const config = configFromEnv();
  if (!config.ok) stop(config.error);
  // With a database, the data folder holds no logs (scenario files may still be read from it).
  if (config.value.databaseUrl === undefined) await checkDataDir(config.value);
  await checkPort(config.value);
  await checkRedis(config.value);
  const game = await createGameServer(config.value, { handleSignals: true });
  const port = await game.listen();
  const resumed = await game.resumeUnfinished();
  const url = `http://${config.value.host && config.value.host !== "0.0.0.0" ? config.value.host : "localhost"}:${port}`;
  if (!existsSync(path.join(config.value.clientDir, "index.html"))) console.warn(`No built client in ${config.value.clientDir} (run \`npm run build\`); the API and rooms work without it.`);
  if (game.scenarios.ids.length > 0) console.log(`Scenarios from ${game.scenarios.dir}: ${game.scenarios.ids.join(", ")}`);
  if (resumed.length > 0) console.log(`Resumed ${resumed.length} unfinished match(es): ${resumed.join(", ")}`);
  if (config.value.redisUrl) console.log(`Cluster mode: Redis at ${new URL(config.value.redisUrl).host}, WebSockets at ${config.value.publicAddress ?? "(no PUBLIC_ADDRESS: the address clients used)"}`);
  console.log(`Tariff Talks is running at ${url}  (Node ${process.version}, storage: ${game.deps.storage.description})`);
}

main().catch((error: Error) => stop(`The server could not start: ${error.message}`));
