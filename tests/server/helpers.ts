import { ColyseusTestServer } from "@colyseus/testing";
import type { ChildProcess } from "node:child_process";
import { Client, Room as ClientRoom } from "@colyseus/sdk";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createGameServer, type GameServer } from "../../server/app.js";
import { serverConfig, type ServerConfigInput } from "../../server/config.js";
import type { Room } from "@colyseus/core";
import type { HostedMatch } from "../../server/room/match-registry.js";
import { builtinScenario, DEFAULT_SCENARIO_ID, NEGOTIATION_ROOM, stepMessageSchema, viewMessageSchema, ViewFold, type Offer, type Scenario, type SeatGrant, type TableView } from "../../shared/index.js";

/** A real server on a free loopback port with its own data folder, and SDK clients to talk to it. */

export type TestServer = {
  game: GameServer;
  colyseus: ColyseusTestServer;
  dataDir: string;
  port: number;
  url: string;
  /** The Colyseus room (to unload it, as an idle spell would). */
  room(code: string): Room;
  /** The match the server hosts under that code (its engine state), through the server's match registry. */
  match(code: string): HostedMatch;
  close(): Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServer(overrides: ServerConfigInput = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "tt-server-"));
  const port = await freePort();
  const config = serverConfig({ port, host: "127.0.0.1", botDelayMs: 0, clientDir: path.join(dataDir, "no-client"), ...overrides, dataDir });
  const game = await createGameServer(config);
  await game.listen();
  const colyseus = new ColyseusTestServer(game.server);
  return {
    game,
    colyseus,
    dataDir,
    port,
    url: `http://127.0.0.1:${port}`,
    room: (code) => colyseus.getRoomById(code),
    match: (code) => {
      const hosted = game.deps.matches.get(code);
      if (!hosted) throw new Error(`no match ${code} is hosted`);
      return hosted;
    },
    async close() {
      await colyseus.cleanup().catch(() => undefined);
      await game.shutdown();
      if (overrides.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type ErrorReply = { code: string; message: string; type?: string };
/** The granted seat; a spectator has only `spectator: true` (the other fields are then absent). */
export type SeatReply = { spectator: boolean; playerId: string; side: string; role: string; token: string };

/** An SDK room plus everything the server told it: error replies, its view (folded from `view` and `step`), raw frames. */
export type Player = {
  room: ClientRoom<any, any>;
  errors: ErrorReply[];
  /** The seat the first `view` message granted. */
  seat: Promise<SeatReply>;
  /** Every frame the socket received after `track` (the raw-bytes secrecy check). */
  frames: Uint8Array[];
  /** Every `view` and `step` message, as decoded. */
  messages: unknown[];
  /** The view as the client holds it now (null before the first `view`). */
  state(): TableView;
  /** Called after each view change. */
  listeners: Set<(view: TableView) => void>;
};

export function track(room: ClientRoom<any, any>): Player {
  const errors: ErrorReply[] = [];
  const fold = new ViewFold();
  const frames: Uint8Array[] = [];
  const messages: unknown[] = [];
  const listeners = new Set<(view: TableView) => void>();
  const changed = () => {
    for (const listener of [...listeners]) listener(fold.view!);
  };
  let granted: (seat: SeatReply) => void = () => {};
  const seat = new Promise<SeatReply>((resolve) => (granted = resolve));
  room.onMessage("error", (reply: ErrorReply) => errors.push(reply));
  room.onMessage("view", (message: any) => {
    messages.push(message);
    fold.take(viewMessageSchema.parse(message));
    granted(fold.seat as SeatReply);
    changed();
  });
  room.onMessage("step", (message: any) => {
    messages.push(message);
    if (!fold.step(stepMessageSchema.parse(message))) room.send("sync", {});
    else changed();
  });
  // The socket is public on the SDK's transport (`room.connection.transport.ws`, a Node `ws` socket here).
  const ws = (room.connection.transport as { ws?: { on?: (event: string, cb: (data: Buffer) => void) => void } }).ws;
  ws?.on?.("message", (data: Buffer) => frames.push(new Uint8Array(data)));
  return { room, errors, seat, frames, messages, state: () => fold.view!, listeners };
}

export const sdk = (server: TestServer): Client => new Client(`ws://127.0.0.1:${server.port}`);

/** Waits for the first whole view (sent right after the join). */
async function joined(room: ClientRoom<any, any>): Promise<Player> {
  const player = track(room);
  await player.seat;
  return player;
}

export async function create(server: TestServer, options: Record<string, unknown> = {}): Promise<Player> {
  return joined(await sdk(server).create(NEGOTIATION_ROOM, options));
}

export async function join(server: TestServer, code: string, options: Record<string, unknown> = {}): Promise<Player> {
  return joined(await sdk(server).joinById(code, options));
}

/** Resolves once the client's view satisfies `test` (checked now and after every change). */
export function until(player: Player, test: (state: TableView) => boolean, timeoutMs = 5000, what = "state condition"): Promise<void> {
  return new Promise((resolve, reject) => {
    const view = player.state();
    if (view && test(view)) return resolve();
    const timer = setTimeout(() => {
      player.listeners.delete(listener);
      reject(new Error(`timed out waiting for ${what}; seq=${player.state()?.seq} phase=${player.state()?.phase}`));
    }, timeoutMs);
    const listener = (state: TableView) => {
      if (!test(state)) return;
      clearTimeout(timer);
      player.listeners.delete(listener);
      resolve();
    };
    player.listeners.add(listener);
  });
}

/** Sends a message and waits for the state to reach seq + 1. */
export async function act(player: Player, type: string, payload?: unknown): Promise<void> {
  const seq = player.state().seq;
  player.room.send(type, payload);
  await until(player, (s) => s.seq > seq, 5000, `${type} to be applied`);
}

/** Sends a message that must be refused; resolves with the error reply. */
export async function refused(player: Player, type: string, payload?: unknown): Promise<ErrorReply> {
  const before = player.errors.length;
  player.room.send(type, payload);
  const deadline = Date.now() + 5000;
  while (player.errors.length === before) {
    if (Date.now() > deadline) throw new Error(`no error reply to ${type}`);
    await sleep(5);
  }
  return player.errors[before]!;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const scenario: Scenario = builtinScenario(DEFAULT_SCENARIO_ID)!;

/** The package of each issue's first (or last) option: a complete, valid offer. */
export function offerOf(pick: "first" | "last" | number): Offer {
  return Object.fromEntries(
    scenario.issues.map((issue) => {
      const index = pick === "first" ? 0 : pick === "last" ? issue.options.length - 1 : Math.min(pick, issue.options.length - 1);
      return [issue.id, issue.options[index]!.id];
    }),
  );
}

/** Creates a pvp match with a Japan and a US player, both ready: negotiating, Japan to move. */
export async function startedPvp(server: TestServer, options: Record<string, unknown> = {}): Promise<{ code: string; japan: Player; us: Player }> {
  const japan = await create(server, { mode: "pvp", side: "japan", name: "Akazawa", seed: "test-seed", ...options });
  const code = japan.room.roomId;
  const us = await join(server, code, { side: "us", name: "Bessent" });
  await act(japan, "ready");
  await act(us, "ready");
  await until(japan, (s) => s.phase === "negotiating");
  await until(us, (s) => s.seq === japan.state().seq);
  return { code, japan, us };
}

export async function leaveAll(...players: Player[]): Promise<void> {
  await Promise.all(players.map((p) => p.room.leave().catch(() => undefined)));
}

/** A player's entry in the view, with whether the table shows them connected. */
export const playerIn = (state: TableView, id: string) => {
  const player = state.players.find((p) => p.id === id);
  return player && { ...player, connected: state.table.connected[id] ?? false };
};

/** `track`, then wait for the whole view the server sends on every join and reconnection. */
export async function tracked(room: ClientRoom<any, any>): Promise<Player> {
  const player = track(room);
  await player.seat;
  return player;
}

/** A spawned program's output so far (stdout and stderr) and its exit code, for CLI tests. */
export function watchProcess(child: ChildProcess): { output: () => string; exited: Promise<number | null> } {
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { output: () => output, exited: new Promise((resolve) => child.on("exit", (exitCode) => resolve(exitCode))) };
}

/** A scripted person on Japan's side against a bot on the US side: ready once the bot sits, then the real 2025 deal on every Japan move, until the end. */
export async function personPlaysTheRealDeal(person: Player, timeoutMs: number): Promise<void> {
  await until(person, (s) => s.players.some((p) => p.side === "us"), 20_000, "the bot to sit down");
  person.room.send("ready", {});
  let offeredAt = -1;
  person.listeners.add((view) => {
    if (view.phase !== "negotiating" || view.turn !== "japan" || view.seq === offeredAt) return;
    offeredAt = view.seq;
    person.room.send("propose", { offer: scenario.references[0]!.offer });
  });
  await until(person, (s) => s.phase === "ended", timeoutMs, "the match to end");
}
