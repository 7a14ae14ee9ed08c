import { randomBytes } from "node:crypto";
import {
  applyAction,
  builtinScenario,
  builtinScenarioSource,
  createOptionsSchema,
  DEFAULT_SCENARIO_ID,
  describeProblems,
  err,
  newMatch,
  ok,
  problemsFromZod,
  recordAction,
  startRecordedMatch,
  type ErrorReply,
  type Player,
  type Result,
} from "../../shared/index.js";
import { newMatchCode } from "../store/match-catalog.js";
import { botSeat, DEFAULT_BOT } from "./bot-driver.js";
import { planBranch } from "./branch-setup.js";
import type { HostMeta, PlannedMatch } from "./open-match.js";
import type { RoomDeps } from "./room-deps.js";
import { chooseSeat } from "./seating.js";

/**
 * A client's create options turned into a new match's first log lines (header, then the bots
 * sitting down like anyone else). Nothing is written here: the room writes the lines and opens
 * the match from them (open-match.ts), as for every other match.
 */


export async function planMatch(deps: RoomDeps, rawOptions: unknown, isLive: (code: string) => boolean): Promise<Result<PlannedMatch, ErrorReply>> {
  const parsed = createOptionsSchema.safeParse(rawOptions ?? {});
  if (!parsed.success) return err({ code: "BAD_OPTIONS", message: describeProblems(problemsFromZod(parsed.error)) });
  const options = parsed.data;
  if (options.seatsPerSide !== undefined && options.seatsPerSide > deps.config.maxPlayersPerSide) {
    return err({ code: "BAD_OPTIONS", message: `seatsPerSide: at most ${deps.config.maxPlayersPerSide} people per side on this server.` });
  }
  if (options.branch) return planBranch(deps, { ...options, branch: options.branch }, isLive);
  const scenarioId = options.scenario ?? DEFAULT_SCENARIO_ID;
  const scenario = builtinScenario(scenarioId);
  if (!scenario) return err({ code: "UNKNOWN_SCENARIO", message: `There is no scenario "${scenarioId}".` });
  if (options.mode === "pvp" && options.bot !== undefined) return err({ code: "BAD_OPTIONS", message: "`bot` is for solo matches (mode: \"solo\")." });
  if (options.mode === "solo" && options.spectator) return err({ code: "BAD_OPTIONS", message: "A solo match needs its player: spectator is not allowed." });
  const seatsPerSide = options.seatsPerSide ?? 1;
  if (seatsPerSide > deps.config.maxPlayersPerSide) return err({ code: "BAD_OPTIONS", message: `seatsPerSide: at most ${deps.config.maxPlayersPerSide} people per side on this server.` });

  let humanSides = scenario.sides.map((s) => s.id);
  const bots: Player[] = [];
  let botName: string | undefined;
  if (options.mode === "solo") {
    const humanSide = options.side ?? scenario.sides[0]!.id;
    const botSide = scenario.sides.find((s) => s.id !== humanSide)?.id;
    if (!scenario.sides.some((s) => s.id === humanSide) || botSide === undefined) {
      return err({ code: "UNKNOWN_SIDE", message: `There is no side "${humanSide}" (sides: ${scenario.sides.map((s) => s.id).join(", ")}).` });
    }
    const bot = botSeat(scenario, botSide, options.bot ?? DEFAULT_BOT);
    if (!bot.ok) return bot;
    bots.push(bot.value.player);
    botName = bot.value.spec.name;
    humanSides = [humanSide];
  }

  const seed = options.seed ?? randomBytes(8).toString("hex");
  const settings = {
    ...(options.rounds !== undefined ? { rounds: options.rounds } : {}),
    ...(options.events !== undefined ? { events: options.events } : {}),
    ...(options.privateVariant !== undefined ? { privateVariant: options.privateVariant } : {}),
  };
  // Try the creator's seat on a scratch state first, so a bad side or role fails the create
  // instead of leaving a match nobody can sit in.
  const scratch = newMatch(scenario, { seed, settings, players: bots });
  if (!scratch.ok) return err({ code: "BAD_OPTIONS", message: scratch.error.message });
  if (!options.spectator) {
    const seat = chooseSeat(scenario, scratch.value, options, { humanSides, maxPerSide: seatsPerSide });
    if (!seat.ok) return seat;
    const tried = applyAction(scenario, scratch.value, { type: "join", player: { id: "creator", name: options.name ?? "Player", ...seat.value } });
    if (!tried.ok) return tried;
  }

  const code = await newMatchCode(deps.storage, isLive);
  const meta: HostMeta = { mode: options.mode, turnSeconds: options.turnSeconds ?? 0, seatsPerSide, ...(botName ? { bot: botName } : {}) };
  const started = startRecordedMatch({ matchId: code, scenarioSource: builtinScenarioSource(scenarioId), seed, settings, createdAt: new Date().toISOString(), meta });
  if (!started.ok) return err({ code: "BAD_OPTIONS", message: started.error.message });
  const lines = [...started.value.lines];
  let match = started.value.match;
  for (const player of bots) {
    const joined = recordAction(match, { type: "join", player }, new Date().toISOString());
    if (!joined.ok) return joined;
    match = joined.value.match;
    lines.push(...joined.value.lines);
  }
  return ok({ code, lines });
}
