import { ErrorCode, matchMaker, ServerError } from "@colyseus/core";
import { refusalText, type ErrorReply } from "../../shared/index.js";
import { KeyedBuckets } from "./rate-limit.js";

/**
 * The door in front of Colyseus' matchmaker (`POST /matchmake/:method/:room`, which every SDK
 * call goes through). Seats are invitations: `join` and `joinOrCreate` would seat a stranger in
 * any open room of a kind, so for invite-only rooms they are refused (INVITE_ONLY); the way in
 * is `joinById(code, …)` with the code someone gave you (read case-insensitively: codes are
 * upper case). `create` is limited per source address (creating is cheap to ask, a log file to
 * keep), and every other request too, except one that carries a valid secret (a seat token, a
 * student token, the instructor key): those are never limited, so nobody sharing an address
 * with a flood is kept out of their own seat.
 *
 * Colyseus has one matchmaker per process, so the door is installed once and asks the gate of
 * the server started last (`setGate`).
 */

export type MatchmakeGate = {
  /** Room names that only `create` and `joinById` reach. */
  inviteOnly: ReadonlySet<string>;
  /** True when the options carry a secret that opens this room (checked, not just present). */
  vouched(roomName: string, roomId: string, options: Record<string, unknown>): boolean;
  creates: KeyedBuckets;
  joins: KeyedBuckets;
};

/** The gates of the servers started in this process, newest last (tests start one after another). */
const gates: MatchmakeGate[] = [];
let installed = false;

const refuse = (reply: ErrorReply): ServerError => new ServerError(ErrorCode.APPLICATION_ERROR, refusalText(reply));

/** Makes `gate` the door of this process's matchmaker; returns the way to take it down. */
export function setGate(gate: MatchmakeGate): () => void {
  gates.push(gate);
  if (!installed) install();
  return () => {
    const index = gates.indexOf(gate);
    if (index >= 0) gates.splice(index, 1);
  };
}

function install(): void {
  installed = true;
  const controller = matchMaker.controller;
  const invoke = controller.invokeMethod;
  controller.invokeMethod = async function (method: string, roomName: string, clientOptions: any = {}, authOptions?: any) {
    const gate = gates.at(-1);
    if (gate) roomName = await check(gate, method, roomName, clientOptions ?? {}, String(authOptions?.ip ?? "?"));
    return invoke.call(this, method, roomName, clientOptions, authOptions);
  };
}

/** Refuses (throws) or lets through; for `joinById`, returns the room id as the matchmaker knows it. */
async function check(gate: MatchmakeGate, method: string, name: string, options: Record<string, unknown>, source: string): Promise<string> {
  if ((method === "join" || method === "joinOrCreate") && gate.inviteOnly.has(name)) {
    throw refuse({ code: "INVITE_ONLY", message: `A ${name} room is entered by its code: joinById(code, options). Ask whoever opened it for the code.` });
  }
  if (method === "create") {
    if (!gate.creates.take(source)) throw refuse({ code: "RATE_LIMITED", message: "Too many new matches from this address; wait a minute." });
    return name;
  }
  if (method !== "joinById") return name;
  const id = await roomIdFor(name);
  const room = id === undefined ? undefined : await matchMaker.getRoomById(id);
  if (room && typeof options === "object" && gate.vouched(room.name, id!, options)) return id!;
  if (!gate.joins.take(source)) throw refuse({ code: "RATE_LIMITED", message: "Too many join attempts from this address; wait a little and try again." });
  return id ?? name;
}

/** The room id as typed, else upper-cased (codes are upper case; people type them any way). */
async function roomIdFor(typed: string): Promise<string | undefined> {
  if (typeof typed !== "string") return undefined;
  if (await matchMaker.getRoomById(typed)) return typed;
  const upper = typed.trim().toUpperCase();
  return upper !== typed && (await matchMaker.getRoomById(upper)) ? upper : undefined;
}
