import { randomBytes } from "node:crypto";
import { branchFromReplay, err, ok, recordAction, replayLog, type CreateOptions, type ErrorReply, type MatchState, type Player, type Result } from "../../shared/index.js";
import type { BotSpec } from "../../shared/bots/index.js";
import { newMatchCode } from "../store/match-catalog.js";
import { botSeat, seatedBots } from "./bot-driver.js";
import type { HostMeta, PlannedMatch } from "./open-match.js";
import type { RoomDeps } from "./room-deps.js";
import { chooseSeat } from "./seating.js";

/**
 * "What if" matches: the create option `branch: {matchId, step, seed?, bots?}` opens a live
 * match in exactly the state of step `step` of an ended match. The engine builds its log
 * (`branchFromReplay`: the parent's first actions, then a `branch` action that names the parent
 * and reseeds); this file reads the parent, writes that log and decides who sits where.
 * Bots: `bots` maps sides to strategies (those sides are closed to people); without it the
 * parent's bots keep their seats. People joining a branch take over the parent's seats of their
 * side (same player id), in order, before new seats are added.
 */

export type BranchOption = NonNullable<CreateOptions["branch"]>;

export async function planBranch(deps: RoomDeps, options: CreateOptions & { branch: BranchOption }, isLive: (code: string) => boolean): Promise<Result<PlannedMatch, ErrorReply>> {
  const { branch } = options;
  const text = await deps.storage.readLog(branch.matchId);
  if (text === undefined) return err({ code: "UNKNOWN_MATCH", message: `There is no match ${branch.matchId} to branch from.` });
  const parent = replayLog(text);
  if (!parent.ok) return err({ code: "BAD_LOG", message: `The log of ${branch.matchId} does not replay: line ${parent.error.line}: ${parent.error.message}` });
  // A running match's other side is secret: branching it would let anyone sit in that side's chair.
  if (!parent.value.result) return err({ code: "MATCH_RUNNING", message: `Match ${branch.matchId} is still running; branch from it once it has ended.` });
  const scenario = parent.value.scenario;

  const parentState = parent.value.states[Math.min(branch.step, parent.value.states.length - 1)]!;
  const bots = new Map<string, BotSpec>();
  const newBots: Player[] = [];
  if (branch.bots === undefined) {
    for (const [id, spec] of seatedBots(parentState)) bots.set(id, spec);
  } else {
    for (const [side, strategy] of Object.entries(branch.bots)) {
      if (!scenario.sides.some((s) => s.id === side)) return err({ code: "UNKNOWN_SIDE", message: `There is no side "${side}" (sides: ${scenario.sides.map((s) => s.id).join(", ")}).` });
      const seat = botSeat(scenario, side, strategy);
      if (!seat.ok) return seat;
      const player = { ...seat.value.player, id: freeId(parentState, seat.value.player.id) };
      newBots.push(player);
      bots.set(player.id, seat.value.spec);
    }
  }

  const botSides = new Set([...bots.keys()].map((id) => [...parentState.players, ...newBots].find((p) => p.id === id)!.side));
  const humanSides = scenario.sides.map((s) => s.id).filter((side) => !botSides.has(side));
  // The parent's people get their seats back; more only if the creator asks (seatsPerSide).
  const perSide = scenario.sides.map((s) => parentState.players.filter((p) => p.bot === undefined && p.side === s.id).length);
  const seatsPerSide = Math.max(1, options.seatsPerSide ?? 1, ...perSide);
  // Check the creator's seat before anything is written, as a plain create does.
  if (!options.spectator) {
    if (humanSides.length === 0) return err({ code: "BAD_OPTIONS", message: "Bots hold both sides of this branch: join it as a spectator (spectator: true)." });
    const seat = chooseSeat(scenario, parentState, options, { humanSides, maxPerSide: seatsPerSide, vacant: new Set(parentState.players.map((p) => p.id)) });
    if (!seat.ok) return seat;
  }

  const code = await newMatchCode(deps.storage, isLive);
  const seed = branch.seed ?? randomBytes(8).toString("hex");
  const mode = botSides.size > 0 ? "solo" : "pvp";
  const inheritable = parentState.players.filter((p) => p.bot === undefined).map((p) => p.id);
  const retiredBots = branch.bots === undefined ? [] : [...seatedBots(parentState).keys()];
  const meta: HostMeta = { mode, turnSeconds: 0, seatsPerSide, inheritable, ...(retiredBots.length > 0 ? { retiredBots } : {}), ...(bots.size > 0 ? { bot: [...bots.values()][0]!.name } : {}) };
  const made = branchFromReplay(parent.value, { matchId: code, step: branch.step, seed, createdAt: new Date().toISOString(), meta });
  if (!made.ok) return err({ code: "BAD_STEP", message: made.error.message });
  const lines = [...made.value.lines];
  let match = made.value.match;
  for (const player of newBots) {
    const joined = recordAction(match, { type: "join", player }, new Date().toISOString());
    if (!joined.ok) return joined;
    match = joined.value.match;
    lines.push(...joined.value.lines);
  }
  return ok({ code, lines });
}

/** `wanted`, or `wanted-2`, `wanted-3`… when the parent already seated a player with that id. */
function freeId(state: MatchState, wanted: string): string {
  const taken = new Set(state.players.map((p) => p.id));
  let id = wanted;
  for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
  return id;
}

/**
 * The parent's seat a person joining a branch takes over (and removes from `free`): a person's
 * seat of the chosen side, of the wanted role if one was asked for, that nobody has taken yet.
 */
export function takeInheritedSeat(state: MatchState, free: Set<string>, side: string, role: string | undefined): Player | undefined {
  const seat = state.players.find((p) => free.has(p.id) && p.side === side && (role === undefined || p.role === role));
  if (seat) free.delete(seat.id);
  return seat;
}
