import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEGOTIATION_ROOM, replayLog } from "../../../shared/index.js";
import { postgresAvailable, postgresMissing, startPostgres, type TestPostgres } from "../../support/postgres.js";
import { act, freePort, offerOf, tracked, until, type Player } from "../helpers.js";

/**
 * `npm start` with DATABASE_URL: the server keeps its logs, notes and seat-token secret in
 * PostgreSQL, nothing in its data folder. A match is killed with its process (kill -9) and
 * resumed by another process with a different, empty data folder, the same seat tokens taking
 * the same seats; every process reading the database serves the same bytes.
 */

const root = path.resolve(import.meta.dirname, "../../..");
const dirs: string[] = [];
const children: ChildProcess[] = [];
let pg: TestPostgres | undefined;

const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tt-pg-server-"));
  dirs.push(dir);
  return dir;
};

type Started = { child: ChildProcess; port: number; output: () => string; exitCode: number | null };

/** `node --import tsx server/main.ts`, resolved once it prints its URL (or exits). */
async function runServer(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const dataDir = tempDir();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      cwd: root,
      env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), DATA_DIR: dataDir, BOT_DELAY_MS: "0", CLIENT_DIR: path.join(dataDir, "no-client"), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let text = "";
    const output = () => text;
    const timer = setTimeout(() => reject(new Error(`server did not start: ${text}`)), 30_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("is running at")) {
        clearTimeout(timer);
        resolve({ child, port, output, exitCode: null });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ child, port, output, exitCode: code });
    });
  });
}

async function joinWith(port: number, code: string, options: Record<string, unknown>): Promise<Player> {
  const player = await tracked(await new Client(`ws://127.0.0.1:${port}`).joinById(code, options));
  player.room.reconnection.enabled = false;
  await player.room.waitForInitialState();
  return player;
}

const get = async (port: number, url: string) => {
  const res = await fetch(`http://127.0.0.1:${port}${url}`);
  return { status: res.status, body: await res.text() };
};

if (!postgresAvailable && process.env.CI === "true") {
  describe("the server on PostgreSQL", () => {
    it("needs PostgreSQL in CI", () => {
      throw new Error(`${postgresMissing} CI=true requires these tests to run.`);
    });
  });
}

describe.skipIf(!postgresAvailable)(`the server on PostgreSQL${postgresAvailable ? "" : ` (skipped: ${postgresMissing})`}`, () => {
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await pg?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("keeps its matches in the database: resumed elsewhere after kill -9 under the same seats, served alike by every process", async () => {
    const DATABASE_URL = await pg!.newDatabase();
    const first = await runServer({ DATABASE_URL });
    expect(first.exitCode).toBeNull();
    expect(first.output()).toContain("storage: PostgreSQL");

    const client = new Client(`ws://127.0.0.1:${first.port}`);
    const japan = await tracked(await client.create(NEGOTIATION_ROOM, { side: "japan", name: "Akazawa", seed: "pg" }));
    japan.room.reconnection.enabled = false;
    await japan.room.waitForInitialState();
    const code = japan.room.roomId;
    const us = await joinWith(first.port, code, { side: "us", name: "Lutnick" });
    // Each step waits for the other side to see the last (every write is a round trip to the database).
    await act(japan, "ready");
    await until(us, (s) => s.seq >= 3);
    await act(us, "ready");
    await until(japan, (s) => s.phase === "negotiating");
    await act(japan, "propose", { offer: offerOf("last") });
    await until(us, (s) => s.standingProposalId === "p1");
    await act(us, "chat", { text: "hold the line on rice", to: "team" });
    const acknowledged = us.state().seq as number;
    const japanSeat = await japan.seat;
    const usSeat = await us.seat;

    // Every action the clients saw is committed in the database: kill without warning.
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));

    // Another process, another (empty) data folder: the match and the seat-token secret come from the database.
    const second = await runServer({ DATABASE_URL });
    expect(second.exitCode).toBeNull();
    expect(second.output()).toMatch(new RegExp(`Resumed 1 unfinished match\\(es\\): ${code}`));
    const japan2 = await joinWith(second.port, code, { seat: japanSeat.token });
    const us2 = await joinWith(second.port, code, { seat: usSeat.token });
    expect(await japan2.seat).toMatchObject({ playerId: japanSeat.playerId, side: "japan" });
    await until(us2, (s) => s.seq === acknowledged && s.standingProposalId === "p1" && s.turn === "us", 5000, "the US back where it was");
    expect(us2.state().chat.at(-1)!.text).toBe("hold the line on rice");
    await act(us2, "accept", { proposalId: "p1" });
    await until(japan2, (s) => s.phase === "ended", 5000, "the end of the match");

    // A third process reading the same database answers the same: the log, the list, notes.
    const third = await runServer({ DATABASE_URL });
    expect(third.output()).not.toContain("Resumed");
    const log2 = await get(second.port, `/api/matches/${code}/log`);
    const log3 = await get(third.port, `/api/matches/${code}/log`);
    expect(log2.status).toBe(200);
    expect(log3.body).toBe(log2.body);
    const replay = replayLog(log2.body);
    expect(replay.ok && replay.value.result?.outcome.kind).toMatch(/agreement|ratification-failed/);
    expect((await get(third.port, "/api/matches")).body).toBe((await get(second.port, "/api/matches")).body);
    const posted = await fetch(`http://127.0.0.1:${third.port}/api/matches/${code}/notes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ step: 2, text: "Both ready." }) });
    // Notes are the class instructor's to write (a pvp match has none); both processes read the same (none).
    expect(posted.status).toBe(401);
    expect((await get(second.port, `/api/matches/${code}/notes`)).body).toBe((await get(third.port, `/api/matches/${code}/notes`)).body);

    // No process wrote a log, a note or a secret into its data folder.
    for (const dir of dirs) {
      expect(existsSync(path.join(dir, "secret"))).toBe(false);
      expect(existsSync(path.join(dir, "matches")) ? readdirSync(path.join(dir, "matches")) : []).toEqual([]);
    }
    for (const player of [japan2, us2]) await player.room.leave().catch(() => undefined);
  }, 120_000);

  it("says in one line, without a stack trace, when the database cannot be reached", async () => {
    const nobody = await freePort();
    const started = await runServer({ DATABASE_URL: `postgres://tt@127.0.0.1:${nobody}/tariff` });
    expect(started.exitCode).toBe(1);
    expect(started.output().trim()).toMatch(/^The server could not start: Cannot use the database at DATABASE_URL \(.*ECONNREFUSED.*\)$/);
  }, 60_000);
});
