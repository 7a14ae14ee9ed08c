import { StateView } from "@colyseus/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { act, join, leaveAll, offerOf, records, startedPvp, startServer, until, type TestServer } from "./helpers.js";

/**
 * Negotiation rooms encode into two scratch buffers they all share (server/room/scratch-buffers.ts)
 * instead of 32 KB of buffers each. Sharing is only safe if no room ever sends or reuses bytes
 * another room may have written over: these tests interleave rooms and check what clients decode.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

/** The JSON of a client's decoded state, minus the match code (which differs by design between rooms). */
const plainState = (state: any): unknown => ({ ...state.toJSON(), code: undefined });

describe("shared encode scratch buffers", () => {
  it("puts every negotiation room on the shared buffers, and keeps it there after the seats' sheets are sent", async () => {
    const a = await startedPvp(server);
    const b = await startedPvp(server);
    await act(a.japan, "propose", { offer: offerOf("first") });
    expect(server.room(a.code).usesSharedScratch).toBe(true);
    expect(server.room(b.code).usesSharedScratch).toBe(true);
    await leaveAll(a.japan, a.us, b.japan, b.us);
  });

  it("delivers each room its own patches when two matches move in turn", async () => {
    const a = await startedPvp(server);
    const b = await startedPvp(server, { seed: "other-seed" });
    const moves: [typeof a, "first" | "last" | number][] = [
      [a, "first"],
      [b, "last"],
      [a, 2],
      [b, "first"],
    ];
    for (const [match, pick] of moves) {
      const mover = match.japan.state().turn === "japan" ? match.japan : match.us;
      await act(mover, "propose", { offer: offerOf(pick) });
    }
    await act(a.us, "chat", { text: "Only at table A.", to: "table" });
    for (const match of [a, b]) {
      const live = server.room(match.code).matchState;
      for (const player of [match.japan, match.us]) {
        await until(player, (s) => s.seq === live.seq);
        expect(player.state().code).toBe(match.code);
        expect(records(player.state().proposals).map((p) => p.offer)).toEqual(live.proposals.map((p) => p.offer));
      }
    }
    expect([...a.japan.state().chat].map((line: any) => line.text)).toEqual(["Only at table A."]);
    expect([...b.japan.state().chat]).toEqual([]);
    await leaveAll(a.japan, a.us, b.japan, b.us);
  });

  it("sends a late joiner its own room's full state after other rooms have encoded theirs", async () => {
    const a = await startedPvp(server);
    await act(a.japan, "propose", { offer: offerOf("last") });
    const b = await startedPvp(server, { seed: "third-seed" });
    await act(b.japan, "propose", { offer: offerOf("first") });
    const watcher = await join(server, a.code, { spectator: true });
    await until(watcher, (s) => s.spectators === 1);
    await until(a.japan, (s) => s.spectators === 1);
    expect(watcher.state().code).toBe(a.code);
    // The spectator sees the public state exactly as a seat at the same table does.
    const { sheets: _s, roles: _r, teams: _t, ...seatPublic } = plainState(a.japan.state()) as Record<string, unknown>;
    const { sheets: _ws, roles: _wr, teams: _wt, ...watcherPublic } = plainState(watcher.state()) as Record<string, unknown>;
    expect(watcherPublic).toEqual(seatPublic);
    await leaveAll(a.japan, a.us, b.japan, b.us, watcher);
  });

  it("re-encodes a room's cached full state when another room has written the shared buffer since", async () => {
    const a = await startedPvp(server);
    const b = await startedPvp(server, { seed: "fourth-seed" });
    const serializerOf = (code: string) => (server.room(code) as unknown as { _serializer: { getFullState(client: { view: StateView }): Uint8Array } })._serializer;
    const fullState = (code: string) => serializerOf(code).getFullState({ view: new StateView() }).slice();
    // Nothing changes in either room between the two encodes of A, so Colyseus would reuse its cache.
    const first = fullState(a.code);
    const other = fullState(b.code);
    const again = fullState(a.code);
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    await leaveAll(a.japan, a.us, b.japan, b.us);
  });
});
