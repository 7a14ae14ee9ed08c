import { MAX_CHAT_LENGTH, viewFor, type Action, type MatchState, type Player, type Scenario } from "../../shared/index.js";
import { botMove, botPlayerId, resolveBot, type BotSpec } from "../../shared/bots/index.js";
import type { ErrorReply } from "../../shared/index.js";
import { err, ok, type Result } from "../../shared/index.js";

/**
 * Bots hold seats like people do (an engine `join` with `player.bot` set); this asks the
 * bot strategy (shared/bots) for its move through the bot's own seat view, so a bot sees
 * exactly what a person in its chair would.
 */

export const DEFAULT_BOT = "normal";

export function botSeat(scenario: Scenario, side: string, botName: string): Result<{ player: Player; spec: BotSpec }, ErrorReply> {
  const spec = resolveBot(botName);
  if (!spec.ok) return err(spec.error);
  const sideDef = scenario.sides.find((s) => s.id === side);
  if (!sideDef) return err({ code: "BAD_OPTIONS", message: `There is no side "${side}" for the bot.` });
  const player: Player = { id: botPlayerId(side), name: `${spec.value.name} bot`, side, role: sideDef.roles[0]!.id, bot: spec.value.name };
  return ok({ player, spec: spec.value });
}

/** Re-creates the specs of the bots already seated (resume after a restart). */
export function seatedBots(state: MatchState): Map<string, BotSpec> {
  const bots = new Map<string, BotSpec>();
  for (const p of state.players) {
    if (p.bot === undefined) continue;
    const spec = resolveBot(p.bot);
    if (spec.ok) bots.set(p.id, spec.value);
  }
  return bots;
}

/** The seated bot whose move it is now, if any. */
export function botToMove(state: MatchState, bots: ReadonlyMap<string, BotSpec>): string | undefined {
  if (state.phase !== "negotiating") return undefined;
  return state.players.find((p) => bots.has(p.id) && p.side === state.turn)?.id;
}

/** The actions a bot takes now, in order (a table chat line, then its move); empty if none. */
export function botActions(scenario: Scenario, state: MatchState, playerId: string, spec: BotSpec): Action[] {
  const player = state.players.find((p) => p.id === playerId);
  if (!player) return [];
  const move = botMove(spec, viewFor(scenario, state, { kind: "seat", side: player.side, role: player.role }), { playerId, seed: state.seed });
  if (!move) return [];
  const actions: Action[] = [];
  if (move.chat) actions.push({ type: "chat", by: playerId, text: move.chat.slice(0, MAX_CHAT_LENGTH), to: "table" });
  actions.push(move.action);
  return actions;
}
