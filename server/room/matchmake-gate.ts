import { ErrorCode, ServerError, matchMaker, type AuthContext } from "@colyseus/core";
import { refusalText, type ErrorReply } from "../../shared/index.js";
import { KeyedBuckets } from "./rate-limit.js";

/**
 * The door in front of Colyseus' matchmaker (`POST /matchmake/:method/:room`, which every SDK
 * call goes through), run as each room kind's static `onAuth` — Colyseus's documented
 * matchmaking hook, which sees the request (`context.req`) before any seat is reserved.
 *
 * Seats are invitations: `join` and `joinOrCreate` would seat a stranger in any open room of a
 * kind, so they are refused (INVITE_ONLY); the way in is `joinById(code, …)` with the code
 * someone gave you. `create` is limited per source (creating is cheap to ask, a log to keep),
 * and so is every other request, except one that carries a valid secret (a seat token, a
 * student token, the instructor key): those are never limited, so nobody sharing an address
 * with a flood is kept out of their own seat.
 *
 * The source is the address Colyseus reports for the matchmaking request: the first hop of
 * `X-Real-IP` / `X-Forwarded-For` set by a reverse proxy (docs/deploy.md). Colyseus 0.18 gives
 * this HTTP step no peer address on a direct connection, so there every request counts against
 * one shared bucket, which is why the defaults are sized for a whole class (docs/protocol.md,
 * "Limits"). Wrong secrets are counted later, on the WebSocket, by real peer address.
 */

export type GateRules = {
  /** True when the options carry a secret that opens this room (checked, not just present). */
  vouched(roomName: string, roomId: string, options: Record<string, unknown>): boolean;
  creates: KeyedBuckets;
  joins: KeyedBuckets;
};

/** What a room's onJoin gets as `auth`: where the request came from. */
export type JoinAuth = { source: string };

const refuse = (reply: ErrorReply): ServerError => new ServerError(ErrorCode.APPLICATION_ERROR, refusalText(reply));

/** The matchmaking method and target of a request (`/matchmake/joinById/ABCD` → joinById, ABCD). */
function requestOf(context: AuthContext | undefined): { method: string; target: string } | undefined {
  const url = (context?.req as { url?: unknown } | undefined)?.url;
  if (typeof url !== "string") return undefined;
  const parts = new URL(url, "http://local").pathname.split("/").filter(Boolean);
  const at = parts.indexOf("matchmake");
  return at >= 0 && parts.length >= at + 3 ? { method: parts[at + 1]!, target: decodeURIComponent(parts[at + 2]!) } : undefined;
}

/** Admits (returns the request's source) or refuses (throws) one matchmaking request for `roomName`. */
export async function admit(rules: GateRules, roomName: string, options: unknown, context: AuthContext | undefined): Promise<JoinAuth> {
  const source = String(context?.ip ?? "direct");
  const request = requestOf(context);
  // A join the server makes itself (no HTTP request) is not a stranger's.
  if (!request) return { source };
  const { method, target } = request;
  if (method === "join" || method === "joinOrCreate") {
    throw refuse({ code: "INVITE_ONLY", message: `A ${roomName} room is entered by its code: joinById(code, options). Ask whoever opened it for the code.` });
  }
  if (method === "create") {
    if (!rules.creates.take(source)) throw refuse({ code: "RATE_LIMITED", message: "Too many new matches from this address; wait a minute." });
    return { source };
  }
  const given = typeof options === "object" && options !== null ? (options as Record<string, unknown>) : {};
  if (method === "joinById" && (await matchMaker.getRoomById(target)) && rules.vouched(roomName, target, given)) return { source };
  if (!rules.joins.take(source)) throw refuse({ code: "RATE_LIMITED", message: "Too many join attempts from this address; wait a little and try again." });
  return { source };
}
