import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { replayLog, stateHash } from "../../shared/index.js";
import { NEGOTIATION_ROOM as ROOM_NAME } from "../../shared/index.js";
import { act, freePort, offerOf, tracked, until, type Player } from "./helpers.js";
import { carries, sideNumbers } from "./secrets.js";

/**
 * `server/main.ts` as its own process, on this machine's Node (20 at the time of writing,
 * while Colyseus 0.18 declares ≥ 22): it boots, plays, survives `kill -9` and resumes its
 * matches from their logs under the same codes and seats. It also refuses to start with one
 * clear line when the port is taken or the data folder cannot be written.
 */

const root = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "tt-restart-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

type Started = { child: ChildProcess; output: () => string };

/** Runs `node --import tsx server/main.ts` and resolves once it prints its URL (or exits). */
function runServer(env: Record<string, string>): Promise<Started & { exitCode: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      cwd: root,
      env: { ...process.env, HOST: "127.0.0.1", BOT_DELAY_MS: "0", CLIENT_DIR: path.join(dataDir, "no-client"), ...env },
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
        resolve({ child, output, exitCode: null });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ child, output, exitCode: code });
    });
  });
}

async function joinWith(port: number, code: string, options: Record<string, unknown>): Promise<Player> {
  const player = await tracked(await new Client(`ws://127.0.0.1:${port}`).joinById(code, options));
  player.room.reconnection.enabled = false;
  await player.room.waitForInitialState();
  return player;
}

describe("the server process", () => {
  it(`boots and plays on this Node (${process.version}), and resumes matches from their logs after kill -9`, async () => {
    const port = await freePort();
    const env = { PORT: String(port), DATA_DIR: dataDir };
    const first = await runServer(env);
    expect(first.exitCode).toBeNull();
    expect(first.output()).toContain(`Node ${process.version}`);

    // A pvp match with a proposal standing and team chat, and a solo match against a bot.
    const client = new Client(`ws://127.0.0.1:${port}`);
    const japan = await tracked(await client.create(ROOM_NAME, { side: "japan", name: "Akazawa", seed: "restart" }));
    japan.room.reconnection.enabled = false;
    await japan.room.waitForInitialState();
    const code = japan.room.roomId;
    const us = await joinWith(port, code, { side: "us", name: "Lutnick" });
    await act(japan, "ready");
    await act(us, "ready");
    await act(japan, "propose", { offer: offerOf("last") });
    await act(us, "chat", { text: "hold the line on rice", to: "team" });
    const japanSeat = await japan.seat;
    const usSeat = await us.seat;

    const solo = await tracked(await client.create(ROOM_NAME, { mode: "solo", side: "japan", bot: "linear", seed: "restart-solo" }));
    solo.room.reconnection.enabled = false;
    await solo.room.waitForInitialState();
    const soloCode = solo.room.roomId;
    const soloSeat = await solo.seat;
    await act(solo, "ready");
    await until(solo, (s) => s.phase === "negotiating");
    await act(solo, "propose", { offer: offerOf("last") });
    await until(solo, (s) => s.turn === "japan" && s.round === 2, 5000, "the bot's reply");
    const before = { pvp: japan.state().seq as number, solo: solo.state().seq as number };

    // Every action the clients saw is on disk: kill without warning.
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));

    const second = await runServer(env);
    expect(second.exitCode).toBeNull();
    expect(second.output()).toMatch(new RegExp(`Resumed 2 unfinished match\\(es\\): .*${code}`));

    const japan2 = await joinWith(port, code, { seat: japanSeat.token });
    const us2 = await joinWith(port, code, { seat: usSeat.token });
    // After the restart too, nothing of the US reaches Japan: a whole view again, its bytes searched.
    const seen = japan2.messages.length;
    japan2.room.send("sync", {});
    await until(japan2, () => japan2.messages.length > seen);
    const resumed = replayLog(readFileSync(path.join(dataDir, "matches", `${code}.jsonl`), "utf8"));
    if (!resumed.ok) throw new Error(resumed.error.message);
    const japanOwn = sideNumbers(resumed.value.final, "japan");
    const usOnly = [...sideNumbers(resumed.value.final, "us")].filter((n) => !japanOwn.has(n));
    const bytes = Buffer.concat(japan2.frames.map((f) => Buffer.from(f)));
    expect(usOnly.length).toBeGreaterThan(10);
    expect(japan2.frames.length).toBeGreaterThan(0);
    for (const n of usOnly) expect(carries(bytes, n), `US number ${n} reached Japan after the restart`).toBe(false);
    expect(bytes.includes(Buffer.from("hold the line on rice"))).toBe(false);
    expect([...japanOwn].filter((n) => carries(bytes, n)).length).toBeGreaterThan(10);
    expect(await japan2.seat).toMatchObject({ playerId: japanSeat.playerId, side: "japan" });
    expect(await us2.seat).toMatchObject({ playerId: usSeat.playerId, side: "us" });
    await until(us2, (s) => s.seq === before.pvp && s.standingProposalId === "p1" && s.turn === "us");
    expect(us2.state().chat.at(-1)!.text).toBe("hold the line on rice");
    await act(us2, "accept", { proposalId: "p1" });
    await until(japan2, (s) => s.phase === "ended");

    // The solo match resumes too, and its bot still answers.
    const solo2 = await joinWith(port, soloCode, { seat: soloSeat.token });
    await until(solo2, (s) => s.seq === before.solo && s.turn === "japan");
    await act(solo2, "propose", { offer: offerOf(2) });
    await until(solo2, (s) => s.seq >= before.solo + 2, 5000, "the bot to move after the restart");

    // The log spans both processes and replays to a finished match.
    const text = readFileSync(path.join(dataDir, "matches", `${code}.jsonl`), "utf8");
    const replay = replayLog(text);
    expect(replay.ok && replay.value.result?.outcome.kind).toMatch(/agreement|ratification-failed/);
    const published = await fetch(`http://127.0.0.1:${port}/api/matches/${code}/log`);
    expect(published.status).toBe(200);
    const again = replayLog(await published.text());
    expect(again.ok && replay.ok && stateHash(again.value.final) === stateHash(replay.value.final)).toBe(true);

    for (const player of [japan2, us2, solo2]) await player.room.leave().catch(() => undefined);
    second.child.kill("SIGTERM");
  }, 90_000);

  it("says in one line, without a stack trace, when the port is taken or the data folder is not writable", async () => {
    const port = await freePort();
    const running = await runServer({ PORT: String(port), DATA_DIR: dataDir });
    const clash = await runServer({ PORT: String(port), DATA_DIR: dataDir });
    expect(clash.exitCode).toBe(1);
    expect(clash.output().trim()).toMatch(/^Port \d+ is already in use.*set PORT/);
    expect(clash.output()).not.toMatch(/\n\s+at /);
    running.child.kill("SIGTERM");

    const unwritable = await runServer({ PORT: String(await freePort()), DATA_DIR: "/dev/null/data" });
    expect(unwritable.exitCode).toBe(1);
    expect(unwritable.output().trim()).toMatch(/^Cannot write match logs to \/dev\/null\/data \(ENOTDIR\)/);
  }, 60_000);
});
