import { z } from "zod";
import { err, ok, type ErrorReply, type Result } from "../../shared/index.js";
import type { BotSpec } from "../../shared/bots/index.js";
import { matchCodeSchema } from "../store/match-catalog.js";
import { seatedBots } from "./bot-driver.js";
import { MatchSession } from "./match-session.js";
import type { RoomDeps } from "./room-deps.js";

/**
 * A match is its log. Creating one, branching one, starting a class table and resuming after a
 * restart all write (or find) log lines first, then open the match the same way: `openMatch`
 * replays the log and carries on appending to it. Hosting choices that are not engine state
 * (mode, turn clock, a branch's inheritable seats, the class) live in the header's `meta`.
 */

/** A new match before it exists: its code and the first lines of its log. */
export type PlannedMatch = { code: string; lines: string[] };

/** `briefingEndsAt`: when the briefing ends by itself (Unix ms; 0 = it waits for everyone to be ready). */
export type HostSettings = { mode: "solo" | "pvp"; turnSeconds: number; humanSides: string[]; seatsPerSide: number; briefingEndsAt: number };
export type OpenedMatch = {
  code: string;
  session: MatchSession;
  host: HostSettings;
  bots: Map<string, BotSpec>;
  /** A branch: the parent's people, whose seats newcomers take over (branch-setup.ts). */
  inheritable: string[];
  /** The class this match is a table of, if any: only the class's tokens open its seats. */
  classCode: string | null;
};

const hostMetaSchema = z.object({
  mode: z.enum(["solo", "pvp"]).catch("pvp"),
  turnSeconds: z.number().int().min(0).catch(0),
  briefingSeconds: z.number().int().min(0).catch(0),
  inheritable: z.array(z.string()).catch([]),
  retiredBots: z.array(z.string()).catch([]),
  class: z.string().optional().catch(undefined),
  seatsPerSide: z.number().int().min(1).optional().catch(undefined),
});
/** What a new match's header `meta` may say (server/room/*-setup.ts, server/classroom/class-tables.ts write it). */
export type HostMeta = {
  mode: "solo" | "pvp";
  turnSeconds: number;
  /** A class table's briefing time: counted from the header's `createdAt`, after it the clock starts. */
  briefingSeconds?: number;
  /** A branch: the parent's people, whose seats newcomers take over. */
  inheritable?: string[];
  /** A branch that replaced the parent's bots: their seats stay in the state but nobody plays them. */
  retiredBots?: string[];
  class?: string;
  table?: string;
  /** People per side this match seats (the creator's `seatsPerSide`, a class's `playersPerSide`); older logs: the server's ceiling. */
  seatsPerSide?: number;
  bot?: string;
};

/** Writes a new match's first lines (the file must not exist yet), durable before it returns. */
export async function writeMatchLog(deps: RoomDeps, code: string, lines: readonly string[]): Promise<Result<void, ErrorReply>> {
  try {
    await deps.storage.createLog(code, lines);
    return ok(undefined);
  } catch (error) {
    console.error(`Could not write the log of ${code}: ${(error as Error).message}`);
    return err({ code: "SERVER_ERROR", message: "The server could not save the match; try again." });
  }
}

export async function openMatch(deps: RoomDeps, code: string): Promise<Result<OpenedMatch, ErrorReply>> {
  const parsed = matchCodeSchema.safeParse(code);
  if (!parsed.success) return err({ code: "BAD_OPTIONS", message: "That is not a match code." });
  const session = await MatchSession.open(deps.storage, parsed.data, deps.signer);
  if (!session.ok) return session;
  const { state, scenario, header } = session.value;
  const meta = hostMetaSchema.parse(header?.meta ?? {});
  const bots = seatedBots(state);
  for (const id of meta.retiredBots) bots.delete(id);
  const botSides = new Set(state.players.filter((p) => bots.has(p.id)).map((p) => p.side));
  const humanSides = scenario.sides.map((s) => s.id).filter((side) => meta.mode === "pvp" || !botSides.has(side));
  return ok({
    code: parsed.data,
    session: session.value,
    host: { mode: meta.mode, turnSeconds: meta.turnSeconds, humanSides, seatsPerSide: meta.seatsPerSide ?? deps.config.maxPlayersPerSide, briefingEndsAt: briefingDeadline(header?.createdAt, meta.briefingSeconds) },
    bots,
    inheritable: meta.inheritable.filter((id) => state.players.some((p) => p.id === id && p.bot === undefined)),
    classCode: meta.class ?? null,
  });
}

/** The end of a briefing that started when the log was written; 0 when there is none (or no readable start). */
function briefingDeadline(createdAt: string | undefined, seconds: number): number {
  const start = createdAt === undefined ? NaN : Date.parse(createdAt);
  return seconds > 0 && Number.isFinite(start) ? start + seconds * 1000 : 0;
}
