/** Bots: negotiation strategies from the literature, for solo play, demo tables and the tournament. */
export { botMove, type BotContext, type BotMove } from "./move.js";
export { resolveBot, type BotError } from "./resolve.js";
export {
  botStrategies,
  difficultyPresets,
  strategyNames,
  difficultyNames,
  type BotSpec,
  type BotParams,
  type StrategyName,
  type DifficultyName,
} from "./spec.js";
export { estimateOpponentWeights, issueWeightsFromPoints, type WeightEstimate } from "./adaptive.js";
export { playBotMatch, botPlayerId, type BotMatch, type BotMatchOptions, type BotSeat } from "./play.js";
