import { copyFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayLog, stateHash, type Replay } from "../../shared/index.js";
import { act, create, leaveAll, join, sdk, startServer, until, type TestServer } from "./helpers.js";
import { NEGOTIATION_ROOM as ROOM_NAME } from "../../shared/index.js";

/**
 * "What if" through the real server: the `branch` create option opens a live match in the
 * parent's state at step k; people take over the parent's seats, bots play the chosen sides;
 * the branch's log names its parent and replays to the live state.
 */

let server: TestServer;
const fixture = path.join(import.meta.dirname, "../fixtures/logs/v1-agreement.jsonl");
const parent = mustReplay(readFileSync(fixture, "utf8"));
const k = 12; // after Japan's p3 in round 2: the US to move

beforeAll(async () => {
  server = await startServer();
  copyFileSync(fixture, path.join(server.dataDir, "matches", "FIXV1A.jsonl"));
});
afterAll(async () => {
  await server.close();
});

function mustReplay(text: string): Replay {
  const replay = replayLog(text);
  if (!replay.ok) throw new Error(`${replay.error.code} line ${replay.error.line}: ${replay.error.message}`);
  return replay.value;
}
const logOf = (code: string) => mustReplay(readFileSync(path.join(server.dataDir, "matches", `${code}.jsonl`), "utf8"));
const { rng: _ignored, ...parentAtK } = parent.states[k]!;

describe("branching a match through the server", () => {
  it("keeps the parent's bot, seats the creator in the parent's Japan seat, and replays", async () => {
    const japan = await create(server, { side: "japan", branch: { matchId: "FIXV1A", step: k, seed: "what-if" } });
    const code = japan.room.roomId;
    expect((await japan.seat).playerId).toBe("j1");
    // The parent's boulware bot (u2) holds the US side and moves at once.
    await until(japan, (s) => s.turn === "japan" && s.seq > k + 1, 5000, "the bot's move");
    expect(japan.state().proposals.length).toBe(4);
    await act(japan, "walkaway");
    await until(japan, (s) => s.phase === "ended");

    const branch = logOf(code);
    expect(branch.header.meta?.parent).toEqual({ matchId: "FIXV1A", step: k, stateHash: stateHash(parent.states[k]!) });
    expect(stateHash(branch.states[k]!)).toBe(stateHash(parent.states[k]!));
    const { rng: _rng, ...afterBranch } = branch.states[k + 1]!;
    expect({ ...afterBranch, seq: k }).toEqual(parentAtK);
    expect(stateHash(branch.final)).toBe(stateHash(server.match(code).state));
    await leaveAll(japan);
  });

  it("lets people join by code and take over the parent's seats of their side", async () => {
    const japan = await create(server, { side: "japan", role: "maff", branch: { matchId: "FIXV1A", step: k, seed: "pvp", bots: {} } });
    const code = japan.room.roomId;
    expect((await japan.seat).playerId).toBe("j2");
    const us = await join(server, code, { side: "us" });
    expect((await us.seat).playerId).toBe("u1");
    await act(us, "propose", { offer: parent.scenario.noDeal });
    await act(japan, "accept", { proposalId: "p4" });
    await until(us, (s) => s.phase === "ended");
    expect(stateHash(logOf(code).final)).toBe(stateHash(server.match(code).state));
    await leaveAll(japan, us);
  });

  it("plays a branch with bots on both sides to its end, watched by a spectator", async () => {
    const watcher = await create(server, { spectator: true, branch: { matchId: "FIXV1A", step: k, seed: "bots", bots: { japan: "hardliner", us: "conceder" } } });
    const code = watcher.room.roomId;
    await until(watcher, (s) => s.phase === "ended", 10000, "the bots to finish");
    const players = [...watcher.state().players.values()].map((p: any) => `${p.id}:${p.bot}`);
    expect(players).toEqual(expect.arrayContaining(["bot-japan:hardliner", "bot-us:conceder"]));
    expect(stateHash(logOf(code).final)).toBe(stateHash(server.match(code).state));
    await leaveAll(watcher);
  });

  it("refuses an unknown parent, a step past the end, a running parent and a bot side for a person", async () => {
    const refusal = (options: Record<string, unknown>) => sdk(server).create(ROOM_NAME, options).then(() => "created", (e: Error) => e.message.split(":")[0]);
    expect(await refusal({ branch: { matchId: "NOSUCH", step: 1 } })).toBe("UNKNOWN_MATCH");
    expect(await refusal({ branch: { matchId: "FIXV1A", step: 17 } })).toBe("BAD_STEP");
    expect(await refusal({ branch: { matchId: "FIXV1A", step: 99 } })).toBe("BAD_STEP");
    expect(await refusal({ side: "us", branch: { matchId: "FIXV1A", step: k } })).toBe("BOT_SIDE");
    expect(await refusal({ branch: { matchId: "FIXV1A", step: k, bots: { mars: "easy" } } })).toBe("UNKNOWN_SIDE");
    const running = await create(server, { side: "japan" });
    expect(await refusal({ branch: { matchId: running.room.roomId, step: 0 } })).toBe("MATCH_RUNNING");
    await leaveAll(running);
  });
});
