import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { act, create, join, leaveAll, offerOf, refused, sdk, startedPvp, startServer, until, type Player, type TestServer } from "./helpers.js";
import { NEGOTIATION_ROOM as ROOM_NAME } from "../../shared/index.js";

/** The room decides who may do what, answers every refusal with a code, and changes nothing. */

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ maxPlayersPerSide: 2 });
});
afterAll(async () => {
  await server.close();
});

/** Expects a refusal with `code`, and the synced state (and the server's engine state) unchanged. */
async function expectRefused(player: Player, code: string, type: string, payload?: unknown): Promise<void> {
  const seq = player.state().seq;
  const serverSeq = server.match(player.room.roomId).state.seq;
  const reply = await refused(player, type, payload);
  expect(reply.code, reply.message).toBe(code);
  expect(reply.type).toBe(type);
  expect(typeof reply.message).toBe("string");
  expect(reply.message.length).toBeGreaterThan(5);
  expect(player.state().seq).toBe(seq);
  expect(server.match(player.room.roomId).state.seq).toBe(serverSeq);
}

describe("authority", () => {
  it("refuses moves before the match starts and a second ready", async () => {
    const japan = await create(server, { side: "japan" });
    await expectRefused(japan, "WRONG_PHASE", "propose", { offer: offerOf("first") });
    await act(japan, "ready");
    await expectRefused(japan, "ALREADY_READY", "ready");
    await leaveAll(japan);
  });

  it("refuses out-of-turn moves, other sides' moves, and stale or missing proposals", async () => {
    const { japan, us } = await startedPvp(server);
    await expectRefused(us, "NOT_YOUR_TURN", "propose", { offer: offerOf("first") });
    await expectRefused(us, "NOT_YOUR_TURN", "walkaway");
    await expectRefused(japan, "NO_STANDING_OFFER", "accept", { proposalId: "p1" });
    await act(japan, "propose", { offer: offerOf("last") });
    await expectRefused(japan, "NOT_YOUR_TURN", "propose", { offer: offerOf("first") });
    await until(us, (s) => s.standingProposalId === "p1");
    await act(us, "propose", { offer: offerOf("first") });
    await until(japan, (s) => s.standingProposalId === "p2");
    await expectRefused(japan, "STALE_PROPOSAL", "accept", { proposalId: "p1" });
    await expectRefused(japan, "STALE_PROPOSAL", "accept", { proposalId: "p99" });
    await leaveAll(japan, us);
  });

  it("refuses accepting one's own side's proposal", async () => {
    const { japan, us } = await startedPvp(server, { turnSeconds: 1 });
    await act(japan, "propose", { offer: offerOf("last") });
    // The US lets its clock run out: the move passes back to Japan with Japan's own offer standing.
    await until(japan, (s) => s.turn === "japan" && s.round === 2, 4000, "the US clock to run out");
    await expectRefused(japan, "OWN_PROPOSAL", "accept", { proposalId: "p1" });
    await leaveAll(japan, us);
  });

  it("refuses spectators, malformed payloads, unknown types and long chat", async () => {
    const { code, japan, us } = await startedPvp(server);
    const watcher = await join(server, code, { spectator: true });
    expect((await watcher.seat).spectator).toBe(true);
    await expectRefused(watcher, "SPECTATOR", "propose", { offer: offerOf("first") });
    await expectRefused(watcher, "SPECTATOR", "chat", { text: "hello", to: "table" });

    await expectRefused(japan, "BAD_MESSAGE", "propose", { offer: 5 });
    await expectRefused(japan, "BAD_MESSAGE", "propose", { offer: offerOf("first"), extra: true });
    await expectRefused(japan, "BAD_MESSAGE", "propose");
    await expectRefused(japan, "BAD_MESSAGE", "accept", { proposalId: 7 });
    await expectRefused(japan, "BAD_MESSAGE", "ready", null);
    await expectRefused(japan, "BAD_MESSAGE", "chat", { text: "   " });
    await expectRefused(japan, "BAD_MESSAGE", "chat", { text: "hi", to: "everyone" });
    await expectRefused(japan, "TOO_LONG", "chat", { text: "x".repeat(501) });
    await expectRefused(japan, "UNKNOWN_MESSAGE", "start");
    await expectRefused(japan, "UNKNOWN_MESSAGE", "timeout", {});
    const { A: _dropped, ...missingA } = offerOf("first");
    await expectRefused(japan, "BAD_OFFER", "propose", { offer: missingA });
    await expectRefused(japan, "BAD_OFFER", "propose", { offer: { ...offerOf("first"), A: "99" } });
    await expectRefused(japan, "BAD_OFFER", "propose", { offer: { ...offerOf("first"), Z: "x" } });
    // The seat survives all of that and still plays.
    await act(japan, "propose", { offer: offerOf("last") });
    await leaveAll(japan, us, watcher);
  });

  it("refuses bad create and join options with a code", async () => {
    const client = sdk(server);
    await expect(client.create(ROOM_NAME, { mode: "chess" })).rejects.toThrow(/^BAD_OPTIONS/);
    await expect(client.create(ROOM_NAME, { rouds: 3 })).rejects.toThrow(/^BAD_OPTIONS/);
    await expect(client.create(ROOM_NAME, { scenario: "nowhere" })).rejects.toThrow(/^UNKNOWN_SCENARIO/);
    await expect(client.create(ROOM_NAME, { side: "mars" })).rejects.toThrow(/^UNKNOWN_SIDE/);
    await expect(client.create(ROOM_NAME, { side: "us", role: "shogun" })).rejects.toThrow(/^UNKNOWN_ROLE/);
    await expect(client.create(ROOM_NAME, { mode: "solo", bot: "genius" })).rejects.toThrow(/^UNKNOWN_BOT/);

    const { code, japan, us } = await startedPvp(server, { seatsPerSide: 2 });
    await expect(client.joinById(code, { side: "mars" })).rejects.toThrow(/^UNKNOWN_SIDE/);
    await expect(client.joinById(code, { seat: "p1.forged" })).rejects.toThrow(/^BAD_SEAT_TOKEN/);
    await expect(client.joinById(code, { name: 42 })).rejects.toThrow(/^BAD_OPTIONS/);
    const us2 = await join(server, code, { side: "us" });
    await expect(client.joinById(code, { side: "us" })).rejects.toThrow(/^SIDE_FULL/);
    // Without a choice, a newcomer goes to the emptier side.
    const auto = await join(server, code, {});
    expect((await auto.seat).side).toBe("japan");
    await leaveAll(japan, us, us2, auto);
  });
});
