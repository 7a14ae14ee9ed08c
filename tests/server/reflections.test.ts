import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayLog } from "../../shared/index.js";
import { MatchSession } from "../../server/room/match-session.js";
import { act, create, join, leaveAll, refused, sleep, startServer, until, type TestServer } from "./helpers.js";

/**
 * Issue 20, the result screen's wire: after the end a table carries what the adaptive bot
 * believed (the log's `notes.botEstimates`) and who has saved reflection answers; a spectator
 * cannot reflect; the answers survive a reload of the match from its log.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ botDelayMs: 60_000 });
});
afterAll(async () => server.close());

describe("the end of a solo match", () => {
  it("gives the adaptive bot's estimate from the result line, and keeps reflections in the log", async () => {
    const human = await create(server, { mode: "solo", side: "japan", bot: "hard", seed: "reflect", events: "none", name: "Aki" });
    const code = human.room.roomId;
    const seat = await human.seat;
    await act(human, "ready");
    await until(human, (s) => s.phase === "negotiating", 5000, "the start");
    expect(human.state().table.botEstimates).toBeUndefined();
    await act(human, "walkaway");
    await until(human, (s) => s.table.botEstimates !== undefined, 5000, "the estimates");

    const text = await fs.readFile(path.join(server.dataDir, "matches", `${code}.jsonl`), "utf8");
    const replay = replayLog(text);
    if (!replay.ok) throw new Error(replay.error.message);
    const estimates = human.state().table.botEstimates!;
    expect(estimates).toEqual(replay.value.result!.notes!.botEstimates);
    expect(estimates[0]).toMatchObject({ side: "us", strategy: "hard" });

    const watcher = await join(server, code, { spectator: true });
    expect(watcher.state().table.botEstimates).toEqual(estimates);
    expect((await refused(watcher, "reflect", { answers: ["a", "b", "c"] })).code).toBe("SPECTATOR");

    human.room.send("reflect", { answers: ["  Rice.  ", "", "Round 2."] });
    await until(human, (s) => (s.table.reflected ?? []).includes(seat.playerId), 5000, "the reflection");
    const after = replayLog(await fs.readFile(path.join(server.dataDir, "matches", `${code}.jsonl`), "utf8"));
    if (!after.ok) throw new Error(after.error.message);
    // Trimmed as the schema says; the side comes from the seat, not the message.
    expect(after.value.reflections.map((r) => [r.playerId, r.side, r.answers])).toEqual([[seat.playerId, "japan", ["Rice.", "", "Round 2."]]]);

    // Opened again from its log (as after a restart), the match still knows the estimates and who answered.
    await leaveAll(human, watcher);
    for (let i = 0; i < 300 && server.game.deps.matches.has(code); i++) await sleep(10);
    const reopened = await MatchSession.open(server.game.deps.storage, code);
    if (!reopened.ok) throw new Error(reopened.error.message);
    expect(reopened.value.resultNotes?.botEstimates).toEqual(estimates);
    expect([...reopened.value.reflections.keys()]).toEqual([seat.playerId]);
    await reopened.value.close();
  });
});
