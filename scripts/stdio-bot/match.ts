import type { Action, MatchSettingsInput, Player } from "../../shared/engine/actions.js";
import { applyAction, newMatch } from "../../shared/engine/engine.js";
import type { MatchState } from "../../shared/engine/state.js";
import { publicScenario, viewFor } from "../../shared/engine/views.js";
import type { Scenario } from "../../shared/scenario/schema.js";
import { botMove, botPlayerId, type BotSpec } from "../../shared/bots/index.js";
import { StdioBot, type StdioBotLimits, type StdioLogEntry } from "./stdio-bot.js";

/**
 * A whole match where either seat may be a built-in bot or an external program, through the
 * engine: the asynchronous twin of `playBotMatch` (shared/bots/play.ts), for the tournament and
 * the tests. A program's lost move (timeout, crash, garbage, an action the engine refuses)
 * becomes the engine's `timeout`: its turn passes and the match goes on.
 */

export type MatchSeat = { kind: "builtin"; name: string; spec: BotSpec } | { kind: "stdio"; name: string; command: string };

export type MixedMatchOptions = {
  seed: string;
  settings?: MatchSettingsInput;
  /** side id → who plays it. */
  seats: Record<string, MatchSeat>;
  limits?: Partial<StdioBotLimits>;
  cwd?: string;
};

/** What an external seat did in the match: its log (lost moves and notes) and its stderr. */
export type StdioSeatReport = { side: string; name: string; command: string; log: StdioLogEntry[]; stderr: string };

export type MixedMatch = { state: MatchState; actions: Action[]; external: StdioSeatReport[] };

export async function playMixedMatch(scenario: Scenario, options: MixedMatchOptions): Promise<MixedMatch> {
  const players: Player[] = scenario.sides.map((side) => {
    const seat = options.seats[side.id];
    if (!seat) throw new Error(`no bot for side ${side.id}`);
    return { id: botPlayerId(side.id), name: `${seat.name} bot`.slice(0, 40), side: side.id, role: side.roles[0]!.id, bot: seat.name.slice(0, 40) };
  });
  const created = newMatch(scenario, { seed: options.seed, settings: options.settings ?? {}, players });
  if (!created.ok) throw new Error(created.error.message);
  const shown = publicScenario(scenario);
  const programs = new Map<string, StdioBot>();
  for (const player of players) {
    const seat = options.seats[player.side]!;
    if (seat.kind === "stdio") programs.set(player.side, new StdioBot({ command: seat.command, cwd: options.cwd, limits: options.limits }, shown));
  }
  const actions: Action[] = [{ type: "start" }];
  let state = step(scenario, created.value, actions[0]!);
  const apply = (action: Action): boolean => {
    const next = applyAction(scenario, state, action);
    if (!next.ok) return false;
    state = next.value;
    actions.push(action);
    return true;
  };
  try {
    // Each move (or timeout) ends a turn, so a match takes at most 2 · maxRounds moves; the bound guards a bug.
    for (let guard = 0; state.phase !== "ended" && guard < 4 * state.maxRounds + 4; guard++) {
      const player = players.find((p) => p.side === state.turn)!;
      const seat = options.seats[player.side]!;
      const view = viewFor(scenario, state, { kind: "seat", side: player.side, role: player.role });
      if (seat.kind === "builtin") {
        const decided = botMove(seat.spec, view, { playerId: player.id, seed: options.seed });
        if (!decided || !apply(decided.action)) throw new Error(`the built-in ${seat.name} bot did not move on its turn`);
        continue;
      }
      const program = programs.get(player.side)!;
      const answer = await program.move(view, player.id);
      if (answer?.kind === "move") {
        const next = applyAction(scenario, state, answer.action);
        if (next.ok) {
          state = next.value;
          actions.push(answer.action);
          continue;
        }
        program.refused(view, next.error.message);
      }
      // Lost move: the turn times out, as a person's would at a table.
      if (!apply({ type: "timeout" })) throw new Error("the engine refused to pass a lost move");
    }
    for (const [side, program] of programs) {
      const player = players.find((p) => p.side === side)!;
      program.notify(viewFor(scenario, state, { kind: "seat", side, role: player.role }));
    }
  } finally {
    await Promise.all([...programs.values()].map((program) => program.close()));
  }
  const external = [...programs].map(([side, program]) => {
    const seat = options.seats[side] as Extract<MatchSeat, { kind: "stdio" }>;
    return { side, name: seat.name, command: seat.command, log: program.log, stderr: program.stderr };
  });
  return { state, actions, external };
}

function step(scenario: Scenario, state: MatchState, action: Action): MatchState {
  const next = applyAction(scenario, state, action);
  if (!next.ok) throw new Error(`the engine refused ${action.type}: ${next.error.message}`);
  return next.value;
}
