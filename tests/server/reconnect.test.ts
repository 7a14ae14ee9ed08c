import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { act, join, leaveAll, offerOf, sdk, sleep, startedPvp, startServer, tracked, until, type Player, type TestServer } from "./helpers.js";

/** A dropped connection keeps its seat: automatically within the window, with the seat token after it. */

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ reconnectSeconds: 2 });
});
afterAll(async () => {
  await server.close();
});

/** Cuts the socket without a close handshake, as a network blip or a killed tab does. */
function cut(player: Player): void {
  (player.room.connection.transport as unknown as { ws: { terminate(): void } }).ws.terminate();
}

describe("reconnection", () => {
  it("keeps the seat when the SDK reconnects on its own within the window", async () => {
    const { code, japan, us } = await startedPvp(server);
    const usSeat = await us.seat;
    us.room.reconnection.minUptime = 0;
    const reconnected = new Promise<void>((resolve) => us.room.onReconnect(() => resolve()));
    cut(us);
    await until(japan, (s) => s.table.connected[usSeat.playerId] === false, 3000, "the US seat to show as disconnected");
    await reconnected;
    await until(japan, (s) => s.table.connected[usSeat.playerId] === true, 3000, "the US seat to come back");
    await act(japan, "propose", { offer: offerOf("last") });
    await until(us, (s) => s.turn === "us");
    await act(us, "propose", { offer: offerOf("first") });
    expect(server.match(code).state.proposals.at(-1)!.by).toBe(usSeat.playerId);
    await leaveAll(japan, us);
  });

  it("keeps the seat for a page reload that reconnects with the reconnection token", async () => {
    const { code, japan, us } = await startedPvp(server);
    const usSeat = await us.seat;
    const token = us.room.reconnectionToken;
    us.room.reconnection.enabled = false;
    cut(us);
    await until(japan, (s) => s.table.connected[usSeat.playerId] === false);
    await act(japan, "propose", { offer: offerOf("last") }); // the match goes on meanwhile
    const back = await tracked(await sdk(server).reconnect(token));
    await back.room.waitForInitialState();
    // The reconnected client sees the current state, its own sheet included.
    await until(back, (s) => s.seq === server.match(code).state.seq && s.standingProposalId === "p1");
    expect(back.state().sheets["us"]).toBeDefined();
    expect(back.state().sheets["japan"]).toBeUndefined();
    await act(back, "accept", { proposalId: "p1" });
    expect(server.match(code).state.outcome?.by).toBe(usSeat.playerId);
    await leaveAll(japan, back);
  });

  it("gives the seat back with its seat token after the window has closed", async () => {
    const { code, japan, us } = await startedPvp(server);
    const usSeat = await us.seat;
    const token = us.room.reconnectionToken;
    us.room.reconnection.enabled = false;
    cut(us);
    await sleep(2_500);
    await expect(sdk(server).reconnect(token)).rejects.toThrow();
    const back = await join(server, code, { seat: usSeat.token });
    expect(await back.seat).toMatchObject({ playerId: usSeat.playerId, side: "us", role: usSeat.role });
    expect(server.match(code).state.players.filter((p) => p.side === "us")).toHaveLength(1);
    await until(japan, (s) => s.table.connected[usSeat.playerId] === true);
    await leaveAll(japan, back);
  });
});
