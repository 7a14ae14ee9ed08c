import { estimateOpponentWeights, type BotSpec } from "../../shared/bots/index.js";
import { viewFor, type BotEstimate, type MatchState, type ResultNotes, type Scenario } from "../../shared/index.js";

/**
 * For the debrief: what each adaptive bot believed the other side cared about, computed from
 * the bot's own seat view at the end and written into the log's result line.
 */
export function botEstimateNotes(scenario: Scenario, state: MatchState, bots: ReadonlyMap<string, BotSpec>): ResultNotes | undefined {
  const botEstimates: BotEstimate[] = [];
  for (const player of state.players) {
    const spec = bots.get(player.id);
    if (!spec || spec.strategy !== "adaptive") continue;
    const view = viewFor(scenario, state, { kind: "seat", side: player.side, role: player.role });
    const estimate = estimateOpponentWeights(view, spec.params);
    botEstimates.push({ playerId: player.id, side: player.side, strategy: spec.name, estimate: estimate.weights });
  }
  return botEstimates.length > 0 ? { botEstimates } : undefined;
}
