import type { Action, MatchSettingsInput, Player } from "../engine/actions.js";
import { applyAction, newMatch } from "../engine/engine.js";
import type { MatchState } from "../engine/state.js";
import { viewFor, type MatchView } from "../engine/views.js";
import type { Scenario } from "../scenario/schema.js";
import { botMove, type BotMove } from "./move.js";
import type { BotSpec } from "./spec.js";

/**
 * A whole match between bots, one per side, through the engine: for the tournament, the
 * benchmark and the tests. Each bot gets its own seat's view and nothing else. Chat lines are
 * dropped (they would only shift `seq`); pass `withChat` to apply them as table chat.
 */

export type BotSeat = { spec: BotSpec; role?: string };

export type BotMatchOptions = {
  seed: string;
  settings?: MatchSettingsInput;
  /** side id → the bot that plays it. */
  seats: Record<string, BotSeat>;
  withChat?: boolean;
  /** Replaces `botMove`, e.g. to time it or to inspect what a bot is given. */
  move?: typeof botMove;
};

export type BotMatch = { state: MatchState; actions: Action[] };

export const botPlayerId = (side: string): string => `bot-${side}`;

export function playBotMatch(scenario: Scenario, options: BotMatchOptions): BotMatch {
  const players: Player[] = scenario.sides.map((side) => {
    const seat = options.seats[side.id];
    if (!seat) throw new Error(`no bot for side ${side.id}`);
    return { id: botPlayerId(side.id), name: `${seat.spec.name} bot`, side: side.id, role: seat.role ?? side.roles[0]!.id, bot: seat.spec.name };
  });
  const created = newMatch(scenario, { seed: options.seed, settings: options.settings ?? {}, players });
  if (!created.ok) throw new Error(created.error.message);
  const actions: Action[] = [{ type: "start" }];
  let state = step(scenario, created.value, actions[0]!);
  const move = options.move ?? botMove;
  // Each move ends a turn, so a match takes at most 2 · maxRounds moves; the bound guards a bug.
  for (let guard = 0; state.phase !== "ended" && guard < 4 * state.maxRounds + 4; guard++) {
    const player = players.find((p) => p.side === state.turn)!;
    const view: MatchView = viewFor(scenario, state, { kind: "seat", side: player.side, role: player.role });
    const decided: BotMove | null = move(options.seats[player.side]!.spec, view, { playerId: player.id, seed: options.seed });
    if (!decided) throw new Error(`the ${player.side} bot did not move on its turn`);
    state = step(scenario, state, decided.action);
    actions.push(decided.action);
    if (options.withChat && decided.chat && state.phase !== "ended") {
      const chat: Action = { type: "chat", by: player.id, text: decided.chat, to: "table" };
      state = step(scenario, state, chat);
      actions.push(chat);
    }
  }
  return { state, actions };
}

function step(scenario: Scenario, state: MatchState, action: Action): MatchState {
  const next = applyAction(scenario, state, action);
  if (!next.ok) throw new Error(`the engine refused ${action.type}: ${next.error.message}`);
  return next.value;
}
