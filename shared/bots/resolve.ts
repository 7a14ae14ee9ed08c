import { err, ok, type Result } from "../util/result.js";
import { botStrategies, difficultyNames, difficultyPresets, strategyNames, type BotSpec, type DifficultyName, type StrategyName } from "./spec.js";

export type BotError = { code: "UNKNOWN_BOT"; message: string };

/** A strategy name or a difficulty preset (any case, surrounding spaces ignored) → the bot. */
export function resolveBot(nameOrDifficulty: string): Result<BotSpec, BotError> {
  const name = nameOrDifficulty.trim().toLowerCase();
  if ((strategyNames as readonly string[]).includes(name)) {
    const strategy = name as StrategyName;
    const { description, params } = botStrategies[strategy];
    return ok({ name, strategy, params: { ...params }, description });
  }
  if ((difficultyNames as readonly string[]).includes(name)) {
    const preset = difficultyPresets[name as DifficultyName];
    return ok({ name, strategy: preset.strategy, params: { ...preset.params }, description: preset.description });
  }
  return err({
    code: "UNKNOWN_BOT",
    message: `There is no bot "${nameOrDifficulty}". Choose a difficulty (${difficultyNames.join(", ")}) or a strategy (${strategyNames.join(", ")}).`,
  });
}
