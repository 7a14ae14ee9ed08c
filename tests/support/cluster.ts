import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, it } from "vitest";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client, type Room as ClientRoom } from "@colyseus/sdk";
import { rejoin, SDK_RECONNECT_RETRIES } from "../../client/src/net/rejoin.js";
import { freePort, track, type Player, type TestServer } from "../server/helpers.js";
import { postgresAvailable, postgresMissing, startPostgres, type TestPostgres } from "./postgres.js";
import { startRedis, type TestRedis } from "./redis.js";

/**
 * Server processes of one cluster for tests: each a real `server/main.ts` (tsx) with its own
 * port and public address, all on one Redis and one storage (`startPair`). Every child is killed by
 * `stopAll` (call it in afterAll), and by the test runner's exit.
 */

export type ClusterProcess = {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything the process printed. */
  output(): string;
  /** What `sdk()`, `join()`… of tests/server/helpers.ts need. */
  server: TestServer;
};

const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

export async function startProcess(name: string, redisUrl: string, dataDir: string, env: Record<string, string> = {}): Promise<ClusterProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      BOT_DELAY_MS: "0",
      CLIENT_DIR: path.join(dataDir, "no-client"),
      REDIS_URL: redisUrl,
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let text = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process ${name} did not start: ${text}`)), 40_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("is running at")) (clearTimeout(timer), resolve());
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`process ${name} exited (${code}): ${text}`))));
  });
  child.stdout!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  return { name, port, url, child, output: () => text, server: { port, url } as TestServer };
}

export async function kill9(proc: ClusterProcess): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.child.once("exit", resolve));
  proc.child.kill("SIGKILL");
  await exited;
}

export async function stopAll(procs: ClusterProcess[]): Promise<void> {
  await Promise.all(procs.map(kill9));
}

/** The port of the process whose WebSocket the SDK room is connected to (its public address). */
export function hostPort(room: ClientRoom<any, any>): number {
  const ws = (room.connection.transport as { ws?: { url?: string } }).ws;
  return Number(new URL(ws!.url!).port);
}

/**
 * A seat held the way the browser client holds it (client/src/net/colyseus-connection.ts): the
 * SDK reconnects first (6 tries), then a fresh join with the seat token through `endpoint`'s HTTP,
 * retried by the client's own `rejoin` for up to two minutes. `player` is the current connection.
 */
export type HeldSeat = { player: Player; rejoins: number; backAt: number[]; lost: boolean };

export function holdSeat(endpoint: string, player: Player, token: string): HeldSeat {
  const held: HeldSeat = { player, rejoins: 0, backAt: [], lost: false };
  const attach = (current: Player) => {
    const room = current.room;
    room.reconnection.minUptime = 0;
    room.reconnection.maxRetries = SDK_RECONNECT_RETRIES;
    room.onReconnect(() => held.backAt.push(Date.now()));
    room.onLeave((code: number) => {
      if (code === 1000) return;
      const code6 = room.roomId;
      void rejoin(() => new Client(endpoint).joinById(code6, { seat: token })).then(async (fresh) => {
        if (!fresh) return void (held.lost = true);
        const next = track(fresh);
        await next.seat;
        held.player = next;
        held.rejoins++;
        held.backAt.push(Date.now());
        attach(next);
      });
    });
  };
  attach(player);
  return held;
}

/**
 * Where the processes of a test cluster keep their logs, classes and notes: one shared data folder
 * ("files", one machine only), or one PostgreSQL with a data folder of their own each ("postgres",
 * as on several machines). Without PostgreSQL the "postgres" runs skip locally and fail under CI.
 */
export type ClusterStorage = "files" | "postgres";
export const clusterStorages: ClusterStorage[] = ["files", "postgres"];

export type ProcessPair = { a: ClusterProcess; b: ClusterProcess; stop(): Promise<void> };

export async function startPair(redisUrl: string, storage: ClusterStorage): Promise<ProcessPair> {
  const folders = [mkdtempSync(path.join(os.tmpdir(), "tt-cluster-"))];
  let postgres: TestPostgres | undefined;
  let a: ClusterProcess | undefined;
  let b: ClusterProcess | undefined;
  const stop = async () => {
    await stopAll([a, b].filter((p): p is ClusterProcess => p !== undefined));
    await postgres?.stop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  };
  try {
    if (storage === "files") {
      [a, b] = await Promise.all([startProcess("A", redisUrl, folders[0]!), startProcess("B", redisUrl, folders[0]!)]);
    } else {
      postgres = await startPostgres();
      // Data folders of their own, as on several machines: the signing key is given, like the database.
      const env = { DATABASE_URL: await postgres.newDatabase(), LOG_SIGNING_KEY: randomBytes(32).toString("hex") };
      folders.push(mkdtempSync(path.join(os.tmpdir(), "tt-cluster-")));
      [a, b] = await Promise.all([startProcess("A", redisUrl, folders[0]!, env), startProcess("B", redisUrl, folders[1]!, env)]);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { a, b, stop };
}

/** Why a storage cannot run here, or undefined when it can. */
export const storageMissing = (storage: ClusterStorage): string | undefined => (storage === "postgres" && !postgresAvailable ? postgresMissing : undefined);

/**
 * Registers `body` once per storage ("files", then "postgres"; without PostgreSQL that run says so
 * and skips locally, and fails under CI), each time with two processes on a fresh Redis, started
 * before the body's own hooks run and stopped after.
 */
export function describeOnEachStorage(body: (cluster: { readonly a: ClusterProcess; readonly b: ClusterProcess }) => void): void {
  for (const storage of clusterStorages) {
    const missing = storageMissing(storage);
    if (missing && process.env.CI !== "true") {
      describe.skip(`storage: ${storage} (skipped: ${missing})`, () => it("runs with PostgreSQL", () => undefined));
      continue;
    }
    describe(`storage: ${storage}`, () => {
      const cluster = {} as { a: ClusterProcess; b: ClusterProcess };
      let redis: TestRedis | undefined;
      let pair: ProcessPair | undefined;
      beforeAll(async () => {
        redis = await startRedis();
        pair = await startPair(redis.url, storage);
        cluster.a = pair.a;
        cluster.b = pair.b;
      }, 90_000);
      afterAll(async () => {
        await pair?.stop();
        await redis?.stop();
      });
      body(cluster);
    });
  }
}
