import { EventEmitter } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Heartbeat, type PingedSocket } from "../../server/heartbeat.js";
import { act, leaveAll, offerOf, sleep, startedPvp, startServer, until, type Player, type TestServer } from "./helpers.js";

/**
 * The server's own heartbeat (server/heartbeat.ts): a connection that stops answering pings is
 * closed and its seat held, one that is only quiet stays; the pings of one interval are spread
 * over it rather than sent all at once.
 */

/** A socket as the heartbeat sees it, answering pings or not. */
class FakeSocket extends EventEmitter implements PingedSocket {
  readyState = 1;
  pings = 0;
  terminated = false;
  constructor(public answers: boolean) {
    super();
  }
  ping(): void {
    this.pings++;
    if (this.answers) queueMicrotask(() => this.emit("pong"));
  }
  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
    this.emit("close");
  }
}

describe("heartbeat, on its own", () => {
  it("pings each socket once per interval, a slice per tick, never all at once", () => {
    const heartbeat = new Heartbeat(3000, 2, 50);
    const sockets = Array.from({ length: 600 }, () => new FakeSocket(true));
    for (const socket of sockets) heartbeat.watchSocket(socket);
    heartbeat.stop(); // ticks driven by hand below
    const perTick: number[] = [];
    for (let tick = 0; tick < 60; tick++) {
      const before = sockets.reduce((sum, s) => sum + s.pings, 0);
      heartbeat.tick();
      perTick.push(sockets.reduce((sum, s) => sum + s.pings, 0) - before);
    }
    // 60 ticks of 50 ms are one 3 s interval: every socket pinged exactly once, 10 per tick.
    expect(sockets.every((s) => s.pings === 1)).toBe(true);
    expect(Math.max(...perTick)).toBe(10);
    expect(Math.min(...perTick)).toBe(10);
  });

  it("closes a socket after its second unanswered ping, keeps one that answers, forgets a closed one", async () => {
    const heartbeat = new Heartbeat(100, 2, 50);
    heartbeat.stop();
    const silent = new FakeSocket(false);
    const alive = new FakeSocket(true);
    const leaving = new FakeSocket(true);
    for (const socket of [silent, alive, leaving]) heartbeat.watchSocket(socket);
    leaving.terminate();
    expect(heartbeat.watched).toBe(2);
    for (let tick = 0; tick < 4; tick++) {
      heartbeat.tick();
      await Promise.resolve(); // the pongs
      if (tick === 1) expect(silent.terminated).toBe(false); // one ping unanswered: not yet
    }
    // Two intervals: two pings each; the silent one's third turn closes it.
    heartbeat.tick();
    heartbeat.tick();
    expect(silent.pings).toBe(2);
    expect(silent.terminated).toBe(true);
    expect(alive.terminated).toBe(false);
    expect(alive.pings).toBe(2);
    expect(heartbeat.watched).toBe(1);
    expect(leaving.pings).toBe(0);
  });
});

describe("heartbeat, on a live server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ heartbeatMs: 200, reconnectSeconds: 10 });
  });
  afterAll(async () => {
    await server.close();
  });

  /** The SDK's socket stops reading, as a laptop does when it sleeps: no close, no pong, nothing. */
  const freeze = (player: Player) => (player.room.connection.transport as unknown as { ws: { pause(): void; resume(): void } }).ws;

  it("drops a connection that stopped answering, keeps its seat, and lets it back in; a quiet one stays", async () => {
    const { code, japan, us } = await startedPvp(server);
    const usSeat = await us.seat;
    const japanSeat = await japan.seat;
    us.room.reconnection.minUptime = 0;
    const reconnected = new Promise<void>((resolve) => us.room.onReconnect(() => resolve()));
    const socket = freeze(us);
    socket.pause();
    // Two unanswered pings 200 ms apart, then the next turn closes it: well within 2 s.
    await until(japan, (s) => s.table.connected[usSeat.playerId] === false, 2000, "the frozen US seat to show as disconnected");
    // Japan sent nothing all that time, yet answered every ping: still connected, still playing.
    await sleep(600);
    expect(japan.state().table.connected[japanSeat.playerId]).toBe(true);
    await act(japan, "propose", { offer: offerOf("last") });
    // The laptop wakes: the SDK finds its socket closed and reconnects to the held seat.
    socket.resume();
    await reconnected;
    await until(japan, (s) => s.table.connected[usSeat.playerId] === true, 3000, "the US seat to come back");
    await until(us, (s) => s.standingProposalId === "p1");
    await act(us, "accept", { proposalId: "p1" });
    expect(server.match(code).state.outcome?.by).toBe(usSeat.playerId);
    await leaveAll(japan, us);
  });
});
