import { matchMaker } from "@colyseus/core";
import type { Action, ErrorReply, MatchState, Result, TableInfo } from "../../shared/index.js";
import { NEGOTIATION_ROOM } from "../../shared/index.js";
import { MatchRegistry, type HostedMatch } from "../room/match-registry.js";

/**
 * The match registry of a cluster: a match hosted by this process is reached directly, one hosted
 * by another process through Colyseus's own inter-process means — the shared room listing
 * (`matchMaker.getRoomById`, Redis driver) says which process holds the room, and
 * `matchMaker.remoteRoomCall` runs the room's `remoteHosted` method there (Redis pub/sub).
 * The classroom cannot tell the difference: the same `HostedMatch` either way.
 */

/** What a remote caller may ask of a hosted match; the room answers with `answerRemote`. */
export type RemoteOp = "snapshot" | "systemAction" | "takeOverBot" | "setPaused";
type Snapshot = { state: MatchState; table: TableInfo };

/** Runs inside the process that hosts the room (NegotiationRoom.remoteHosted). */
export async function answerRemote(match: HostedMatch, op: RemoteOp, args: unknown[]): Promise<unknown> {
  switch (op) {
    case "snapshot":
      return { state: match.state, table: match.table } satisfies Snapshot;
    case "systemAction":
      return match.systemAction(args[0] as Action);
    case "takeOverBot":
      return match.takeOverBot(args[0] as string, args[1] as string);
    case "setPaused":
      await match.setPaused(args[0] === true);
      return null;
  }
}

/** Waits for remote answers longer than Colyseus's 2 s default: a system action writes the log first. */
const CALL_TIMEOUT_MS = 5000;
const call = <T>(code: string, op: RemoteOp, args: unknown[]): Promise<T> => matchMaker.remoteRoomCall(code, "remoteHosted", [op, args], CALL_TIMEOUT_MS) as Promise<T>;

/** A match in another process, as seen at one moment (state, table) with its actions sent there. */
class RemoteMatch implements HostedMatch {
  constructor(
    readonly code: string,
    readonly state: MatchState,
    readonly table: TableInfo,
  ) {}
  systemAction(action: Action): Promise<Result<MatchState, ErrorReply>> {
    return call(this.code, "systemAction", [action]);
  }
  takeOverBot(playerId: string, name: string): Promise<Result<MatchState, ErrorReply>> {
    return call(this.code, "takeOverBot", [playerId, name]);
  }
  async setPaused(paused: boolean): Promise<void> {
    await call(this.code, "setPaused", [paused]);
  }
}

export class ClusterMatchRegistry extends MatchRegistry {
  override async find(code: string): Promise<HostedMatch | undefined> {
    const local = this.get(code);
    if (local) return local;
    const listing = await matchMaker.getRoomById(code);
    if (!listing || listing.name !== NEGOTIATION_ROOM) return undefined;
    try {
      const snapshot = await call<Snapshot>(code, "snapshot", []);
      return new RemoteMatch(code, snapshot.state, snapshot.table);
    } catch {
      return undefined; // disposed meanwhile, or its process just died (failover reopens it)
    }
  }

  /** The match wherever it is hosted; opened first (on the least busy process) when no process hosts it. */
  override async live(code: string): Promise<HostedMatch | undefined> {
    const found = await this.find(code);
    if (found) return found;
    await this.open(code).catch(() => undefined);
    return this.find(code);
  }
}
