import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayLog, sidePointTable, stateHash, offerIndices, packagePoints, type Offer } from "../../shared/index.js";
import { act, create, leaveAll, scenario, startServer, until, type Player, type TestServer } from "./helpers.js";

/**
 * A solo match through the server: a scripted person plays Japan through the SDK against the
 * `hard` (adaptive) bot, which moves without a pause in tests, chats with its moves, and the
 * match reaches an outcome whose log replays to the server's state.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const japanTable = sidePointTable(scenario, "japan");
const japanPoints = (offer: Offer) => packagePoints(japanTable, offerIndices(scenario, offer)!);
const july = scenario.references.find((r) => r.id === "july-2025")!.offer;

/** The person's script: accept a bot offer worth at least the real July deal to Japan, else table the July deal. */
async function playJapan(human: Player): Promise<void> {
  for (let moves = 0; moves < 40 && human.state().phase !== "ended"; moves++) {
    await until(human, (s) => s.phase === "ended" || s.turn === "japan", 5000, "Japan's turn");
    const state = human.state();
    if (state.phase === "ended") return;
    const standing = state.proposals.find((p: any) => p.id === state.standingProposalId && p.side === "us");
    if (standing && japanPoints(standing.offer) >= japanPoints(july)) await act(human, "accept", { proposalId: standing.id });
    else await act(human, "propose", { offer: july });
  }
}

describe("a solo match against a bot, through the server", () => {
  it("plays a scripted person against the hard bot to an outcome that replays from the log", async () => {
    const human = await create(server, { mode: "solo", side: "japan", bot: "hard", seed: "solo-test", events: "historical", name: "Akazawa" });
    const code = human.room.roomId;
    const seat = await human.seat;
    expect(seat.side).toBe("japan");
    const bot = human.state().players.find((p) => p.side === "us")!;
    expect(bot.bot).toBe("hard");

    await act(human, "ready");
    await until(human, (s) => s.phase !== "briefing", 5000, "the match to start");
    await playJapan(human);
    await until(human, (s) => s.phase === "ended", 5000, "the end");

    const state = human.state();
    expect(state.outcome!.kind).toBe("agreement");
    // A firm bot: it did not take the July package at once.
    expect(state.outcome!.round).toBeGreaterThan(1);
    // The bot negotiated: it made offers and talked at the table.
    expect(state.proposals.some((p: any) => p.side === "us")).toBe(true);
    const botLines = state.chat.filter((line: any) => line.side === "us" && line.to === "table");
    expect(botLines.length).toBeGreaterThan(0);

    const text = readFileSync(path.join(server.dataDir, "matches", `${code}.jsonl`), "utf8");
    const replay = replayLog(text);
    if (!replay.ok) throw new Error(`${replay.error.code} line ${replay.error.line}: ${replay.error.message}`);
    expect(stateHash(replay.value.final)).toBe(stateHash(server.match(code).state));
    await leaveAll(human);
  });
});
