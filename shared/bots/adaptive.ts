import type { MatchView } from "../engine/views.js";
import { frequencyModel, modelTable, oppositionPrior, type OpponentModel } from "./opponent-model.js";
import { botStrategies, type BotParams } from "./spec.js";
import { seatSide, situate, type Situation } from "./situation.js";
import { timeTarget } from "./time-dependent.js";

/**
 * Adaptive: a firm time-dependent target, and at each step the package its frequency model of
 * the other side rates highest among those that meet the target — so it concedes on what the
 * other side values and keeps what it values itself, heading along the Pareto frontier.
 */

export const adaptiveTarget = (s: Situation, params: BotParams): number => timeTarget(s, params.e);

export function opponentModel(s: Situation, params: Pick<BotParams, "learningRate" | "priorWeight">): OpponentModel {
  return frequencyModel(oppositionPrior(s.table), s.opponentOffers, params);
}

export const adaptiveTaste = (s: Situation, params: BotParams): number[][] => modelTable(opponentModel(s, params));

export type WeightEstimate = {
  /** The side the estimate is about. */
  side: string;
  /** Issue id → estimated weight (sums to 1). */
  weights: Record<string, number>;
};

/**
 * What the adaptive bot seated at `view`'s seat thinks the other side cares about, issue by issue:
 * for the end-of-match log and the debrief ("what the bot thought you cared about").
 */
export function estimateOpponentWeights(view: MatchView, params: Pick<BotParams, "learningRate" | "priorWeight"> = botStrategies.adaptive.params): WeightEstimate {
  const s = situate(view, seatSide(view));
  const model = opponentModel(s, params);
  return { side: s.opponent, weights: Object.fromEntries(s.issues.map((issue, i) => [issue.id, model.weights[i]!])) };
}

/**
 * The truth to set next to the estimate: a side's real issue weights, each issue's point range
 * (best option minus worst) as a share of the sum of ranges. `points` is a SideSheet's points.
 */
export function issueWeightsFromPoints(points: Record<string, Record<string, number>>): Record<string, number> {
  const ranges = Object.entries(points).map(([issue, options]) => {
    const values = Object.values(options);
    return [issue, Math.max(...values) - Math.min(...values)] as const;
  });
  const total = ranges.reduce((sum, [, range]) => sum + range, 0);
  return Object.fromEntries(ranges.map(([issue, range]) => [issue, total > 0 ? range / total : 0]));
}
