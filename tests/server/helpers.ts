import "@colyseus/testing";
import { ColyseusTestServer } from "@colyseus/testing";
import { Client, Room as ClientRoom } from "@colyseus/sdk";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createGameServer, type GameServer } from "../../server/app.js";
import { serverConfig, type ServerConfigInput } from "../../server/config.js";
import type { NegotiationRoom } from "../../server/room/NegotiationRoom.js";
import { ROOM_NAME } from "../../server/room/protocol.js";
import { builtinScenario, DEFAULT_SCENARIO_ID, type Offer, type Scenario } from "../../shared/index.js";

/** A real server on a free loopback port with its own data folder, and SDK clients to talk to it. */

export type TestServer = {
  game: GameServer;
  colyseus: ColyseusTestServer;
  dataDir: string;
  port: number;
  url: string;
  room(code: string): NegotiationRoom;
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
    room: (code) => colyseus.getRoomById(code) as unknown as NegotiationRoom,
    async close() {
      await colyseus.cleanup().catch(() => undefined);
      await game.shutdown();
      if (overrides.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type ErrorReply = { code: string; message: string; type?: string };
export type SeatReply = { spectator: boolean; playerId?: string; side?: string; role?: string; token?: string };

/** An SDK room plus everything the server told it: error replies, the seat, raw frames. */
export type Player = {
  room: ClientRoom<any, any>;
  errors: ErrorReply[];
  seat: Promise<SeatReply>;
  frames: Uint8Array[];
  state(): any;
};

const framesByRoom = new WeakMap<object, Uint8Array[]>();
// Record every frame a client receives, from the handshake on, for the raw-bytes secrecy check.
const proto = ClientRoom.prototype as unknown as { onMessageCallback(event: MessageEvent): void };
const original = proto.onMessageCallback;
proto.onMessageCallback = function (this: object, event: MessageEvent) {
  let frames = framesByRoom.get(this);
  if (!frames) framesByRoom.set(this, (frames = []));
  frames.push(new Uint8Array(event.data as ArrayBuffer).slice());
  original.call(this, event);
};

export function track(room: ClientRoom<any, any>): Player {
  const errors: ErrorReply[] = [];
  room.onMessage("error", (reply: ErrorReply) => errors.push(reply));
  const seat = new Promise<SeatReply>((resolve) => room.onMessage("seat", (reply: SeatReply) => resolve(reply)));
  if (!framesByRoom.has(room)) framesByRoom.set(room, []);
  return { room, errors, seat, frames: framesByRoom.get(room)!, state: () => room.state };
}

export const sdk = (server: TestServer): Client => new Client(`ws://127.0.0.1:${server.port}`);

export async function create(server: TestServer, options: Record<string, unknown> = {}): Promise<Player> {
  const player = track(await sdk(server).create(ROOM_NAME, options));
  await player.room.waitForInitialState();
  return player;
}

export async function join(server: TestServer, code: string, options: Record<string, unknown> = {}): Promise<Player> {
  const player = track(await sdk(server).joinById(code, options));
  await player.room.waitForInitialState();
  return player;
}

/** Resolves once the client's decoded state satisfies `test` (checked now and after every patch). */
export function until(player: Player, test: (state: any) => boolean, timeoutMs = 5000, what = "state condition"): Promise<void> {
  return new Promise((resolve, reject) => {
    if (test(player.room.state)) return resolve();
    const timer = setTimeout(() => {
      unbind();
      reject(new Error(`timed out waiting for ${what}; seq=${player.room.state?.seq} phase=${player.room.state?.phase}`));
    }, timeoutMs);
    const listener = (state: any) => {
      if (!test(state)) return;
      clearTimeout(timer);
      unbind();
      resolve();
    };
    player.room.onStateChange(listener);
    const unbind = () => player.room.onStateChange.remove(listener);
  });
}

/** Sends a message and waits for the state to reach seq + 1. */
export async function act(player: Player, type: string, payload?: unknown): Promise<void> {
  const seq = player.room.state.seq as number;
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
  return { code, japan, us };
}

export async function leaveAll(...players: Player[]): Promise<void> {
  await Promise.all(players.map((p) => p.room.leave().catch(() => undefined)));
}

/** The synced state's JSON records (proposals, chat, events: docs/protocol.md), parsed. */
export const records = (list: Iterable<string> | undefined): any[] => [...(list ?? [])].map((json) => JSON.parse(json));
/** The synced outcome, parsed; null while the match runs. */
export const outcomeOf = (state: any): any => (state?.outcome ? JSON.parse(state.outcome) : null);
