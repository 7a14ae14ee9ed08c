import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayLog, stateHash } from "../../shared/index.js";
import { act, join, leaveAll, offerOf, startedPvp, startServer, until, type TestServer } from "./helpers.js";

/** Whole pvp matches through the protocol; each log on disk must replay to the server's final state. */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

function replayed(code: string) {
  const text = readFileSync(path.join(server.dataDir, "matches", `${code}.jsonl`), "utf8");
  const replay = replayLog(text);
  if (!replay.ok) throw new Error(`${replay.error.code} line ${replay.error.line}: ${replay.error.message}`);
  return replay.value;
}

describe("a pvp match through the protocol", () => {
  it("plays to an agreement, and the log replays to the same final state", async () => {
    const { code, japan, us } = await startedPvp(server);
    await act(japan, "propose", { offer: offerOf("last") });
    expect(japan.state().turn).toBe("us");
    await act(us, "propose", { offer: offerOf("first") });
    await act(japan, "propose", { offer: offerOf(2) });
    await until(us, (s) => s.standingProposalId === "p3");
    const standing = us.state().standingProposalId as string;
    await act(us, "chat", { text: "We can live with that.", to: "table" });
    await act(us, "accept", { proposalId: standing });
    await until(japan, (s) => s.phase === "ended");

    const state = japan.state();
    expect(state.outcome!.kind === "agreement" || state.outcome!.kind === "ratification-failed").toBe(true);
    expect(state.outcome!.proposalId).toBe("p3");
    expect(state.proposals.length).toBe(3);
    expect(state.chat.at(-1)!.text).toBe("We can live with that.");

    const replay = replayed(code);
    const live = server.match(code).state;
    expect(replay.result).toBeDefined();
    expect(stateHash(replay.final)).toBe(stateHash(live));
    expect(replay.final.seq).toBe(state.seq);
    // The log says who did what.
    const usSeat = await us.seat;
    expect(replay.actions.at(-1)!.action).toEqual({ type: "accept", by: usSeat.playerId, proposalId: "p3" });
    await leaveAll(japan, us);
  });

  it("plays to the deadline when every move passes on proposals", async () => {
    const { code, japan, us } = await startedPvp(server, { rounds: 2 });
    // Two rounds, two moves each; nobody accepts.
    await act(japan, "propose", { offer: offerOf("last") });
    await act(us, "propose", { offer: offerOf("first") });
    await act(japan, "propose", { offer: offerOf("last") });
    await act(us, "propose", { offer: offerOf("first") });
    await until(us, (s) => s.phase === "ended");
    expect(us.state().outcome!.kind).toBe("deadline");
    expect(us.state().round).toBe(2);
    const replay = replayed(code);
    expect(stateHash(replay.final)).toBe(stateHash(server.match(code).state));
    expect(replay.result?.outcome.kind).toBe("deadline");
    await leaveAll(japan, us);
  });

  it("ends when a side walks away", async () => {
    const { code, japan, us } = await startedPvp(server);
    await act(japan, "propose", { offer: offerOf("last") });
    await act(us, "walkaway");
    await until(japan, (s) => s.phase === "ended");
    expect(japan.state().outcome!.kind).toBe("walkaway");
    expect(japan.state().outcome!.side).toBe("us");
    const replay = replayed(code);
    expect(stateHash(replay.final)).toBe(stateHash(server.match(code).state));
    await leaveAll(japan, us);
  });

  it("lets any connected member of the side to move act, and logs who did", async () => {
    const { code, japan, us } = await startedPvp(server, { seatsPerSide: 2 });
    const japan2 = await join(server, code, { side: "japan", name: "Ishiba" });
    const seat2 = await japan2.seat;
    expect(seat2.side).toBe("japan");
    // A newcomer joins ready=false, but the match is already under way: they may act at once.
    await act(japan2, "propose", { offer: offerOf(1) });
    const last = replayed(code).actions.at(-1)!;
    expect(last.action).toMatchObject({ type: "propose", by: seat2.playerId });
    expect(japan.state().players.length).toBe(3);
    await leaveAll(japan, japan2, us);
  });

  it("passes the move when the turn clock runs out, and logs a timeout", async () => {
    const { code, japan, us } = await startedPvp(server, { turnSeconds: 1 });
    expect(japan.state().table.turnEndsAt).toBeGreaterThan(Date.now());
    await until(japan, (s) => s.turn === "us", 4000, "the clock to pass Japan's move");
    const last = replayed(code).actions.at(-1)!;
    expect(last.action.type).toBe("timeout");
    await leaveAll(japan, us);
  });
});
