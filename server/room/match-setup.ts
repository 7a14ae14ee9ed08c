import { randomBytes } from "node:crypto";
import { z } from "zod";
import {
  applyAction,
  builtinScenario,
  builtinScenarioSource,
  DEFAULT_SCENARIO_ID,
  describeProblems,
  err,
  newMatch,
  ok,
  problemsFromZod,
  publicScenario,
  type Player,
  type PublicScenario,
  type Result,
  type Scenario,
} from "../../shared/index.js";
import type { BotSpec } from "../../shared/bots/index.js";
import { logPath, matchCodeSchema, newMatchCode } from "../store/match-catalog.js";
import { botSeat, DEFAULT_BOT, seatedBots } from "./bot-driver.js";
import { MatchSession } from "./match-session.js";
import type { RoomDeps } from "./NegotiationRoom.js";
import { createOptionsSchema, type ErrorReply } from "./protocol.js";
import { chooseSeat } from "./seating.js";
import { createBranch } from "./branch-setup.js";

/**
 * Turning create options (or a log on disk) into a running MatchSession. The hosting choices
 * that are not engine state (mode, turn clock) go into the log header's `meta`, so a restart
 * hosts the match the same way.
 */

export type HostSettings = { mode: "solo" | "pvp"; turnSeconds: number; humanSides: string[] };
export type MatchSetup = {
  code: string;
  session: MatchSession;
  host: HostSettings;
  bots: Map<string, BotSpec>;
  /** A branch: the parent's people, whose seats newcomers take over (server/room/branch-setup.ts). */
  inheritable?: string[];
};

const hostMetaSchema = z.object({
  mode: z.enum(["solo", "pvp"]).catch("pvp"),
  turnSeconds: z.number().int().min(0).catch(0),
});

const publicScenarios = new WeakMap<Scenario, PublicScenario>();
/** The public scenario (what the `seat` message carries), one object shared by every room playing it. */
export function sharedPublicScenario(scenario: Scenario): PublicScenario {
  let value = publicScenarios.get(scenario);
  if (value === undefined) {
    value = publicScenario(scenario);
    publicScenarios.set(scenario, value);
  }
  return value;
}

export async function createMatch(deps: RoomDeps, rawOptions: unknown, isLive: (code: string) => boolean): Promise<Result<MatchSetup, ErrorReply>> {
  const parsed = createOptionsSchema.safeParse(rawOptions ?? {});
  if (!parsed.success) return err({ code: "BAD_OPTIONS", message: describeProblems(problemsFromZod(parsed.error)) });
  const options = parsed.data;
  if (options.branch) return createBranch(deps, { ...options, branch: options.branch }, isLive);
  const scenarioId = options.scenario ?? DEFAULT_SCENARIO_ID;
  const scenario = builtinScenario(scenarioId);
  if (!scenario) return err({ code: "UNKNOWN_SCENARIO", message: `There is no scenario "${scenarioId}".` });
  if (options.mode === "pvp" && options.bot !== undefined) return err({ code: "BAD_OPTIONS", message: "`bot` is for solo matches (mode: \"solo\")." });
  if (options.mode === "solo" && options.spectator) return err({ code: "BAD_OPTIONS", message: "A solo match needs its player: spectator is not allowed." });

  let humanSides = scenario.sides.map((s) => s.id);
  const seats: Player[] = [];
  const bots = new Map<string, BotSpec>();
  if (options.mode === "solo") {
    const humanSide = options.side ?? scenario.sides[0]!.id;
    const botSide = scenario.sides.find((s) => s.id !== humanSide)?.id;
    if (!scenario.sides.some((s) => s.id === humanSide) || botSide === undefined) {
      return err({ code: "UNKNOWN_SIDE", message: `There is no side "${humanSide}" (sides: ${scenario.sides.map((s) => s.id).join(", ")}).` });
    }
    const bot = botSeat(scenario, botSide, options.bot ?? DEFAULT_BOT);
    if (!bot.ok) return bot;
    seats.push(bot.value.player);
    bots.set(bot.value.player.id, bot.value.spec);
    humanSides = [humanSide];
  }

  const seed = options.seed ?? randomBytes(8).toString("hex");
  const settings = {
    ...(options.rounds !== undefined ? { rounds: options.rounds } : {}),
    ...(options.events !== undefined ? { events: options.events } : {}),
    ...(options.privateVariant !== undefined ? { privateVariant: options.privateVariant } : {}),
  };
  const host: HostSettings = { mode: options.mode, turnSeconds: options.turnSeconds ?? 0, humanSides };
  // Try the creator's seat on a scratch state first, so a bad side or role fails the create
  // instead of leaving a match nobody can sit in.
  const scratch = newMatch(scenario, { seed, settings, players: seats });
  if (!scratch.ok) return err({ code: "BAD_OPTIONS", message: scratch.error.message });
  if (!options.spectator) {
    const seat = chooseSeat(scenario, scratch.value, options, { humanSides, maxPerSide: deps.config.maxPlayersPerSide });
    if (!seat.ok) return seat;
    const tried = applyAction(scenario, scratch.value, { type: "join", player: { id: "creator", name: options.name ?? "Player", ...seat.value } });
    if (!tried.ok) return tried;
  }

  const code = await newMatchCode(deps.config.dataDir, isLive);
  const session = await MatchSession.create(logPath(deps.config.dataDir, code), {
    matchId: code,
    scenarioSource: builtinScenarioSource(scenarioId),
    seed,
    settings,
    createdAt: new Date().toISOString(),
    meta: { mode: host.mode, turnSeconds: host.turnSeconds, ...(bots.size > 0 ? { bot: [...bots.values()][0]!.name } : {}) },
  }, scenario, deps.config.logSyncMs);
  if (!session.ok) return session;
  // Bots sit down through the log like anyone else.
  for (const player of seats) {
    const joined = await session.value.serial(() => session.value.apply({ type: "join", player }));
    if (!joined.ok) return joined;
  }
  return ok({ code, session: session.value, host, bots });
}

/** Only the server itself resumes: a code is resumable once, when it was queued at boot. */
export async function resumeMatch(deps: RoomDeps, code: unknown): Promise<Result<MatchSetup, ErrorReply>> {
  const parsed = matchCodeSchema.safeParse(code);
  if (!parsed.success || !deps.resumable.delete(parsed.data)) return err({ code: "BAD_OPTIONS", message: "There is no such option: resume." });
  const session = await MatchSession.resume(logPath(deps.config.dataDir, parsed.data), deps.config.logSyncMs);
  if (!session.ok) return session;
  const { state, scenario } = session.value;
  const meta = hostMetaSchema.parse(session.value.header?.meta ?? {});
  const bots = seatedBots(state);
  const botSides = new Set(state.players.filter((p) => bots.has(p.id)).map((p) => p.side));
  const humanSides = scenario.sides.map((s) => s.id).filter((side) => meta.mode === "pvp" || !botSides.has(side));
  return ok({ code: parsed.data, session: session.value, host: { mode: meta.mode, turnSeconds: meta.turnSeconds, humanSides }, bots });
}
