import { adaptiveTarget, adaptiveTaste } from "./adaptive.js";
import type { BotParams, StrategyName } from "./spec.js";
import type { Situation } from "./situation.js";
import { nearTargetTaste, timeTarget } from "./time-dependent.js";
import { titForTatTarget } from "./tit-for-tat.js";

/**
 * A strategy is two pure functions of the bot's situation: how many points it aims for now
 * (`target`, as an agreement would score it today), and which packages it prefers among those
 * that meet the target (`taste`, a [issue][option] score the package search maximises).
 * Acceptance and the red-line and reservation guards are shared (see decide.ts).
 */
export type Strategy = {
  target(s: Situation, params: BotParams): number;
  taste(s: Situation, params: BotParams, random: () => number): number[][];
};

const timeDependent: Strategy = { target: (s, p) => timeTarget(s, p.e), taste: nearTargetTaste };

export const strategies: Record<StrategyName, Strategy> = {
  hardliner: timeDependent,
  boulware: timeDependent,
  linear: timeDependent,
  conceder: timeDependent,
  "tit-for-tat": { target: titForTatTarget, taste: nearTargetTaste },
  adaptive: { target: adaptiveTarget, taste: (s, p) => adaptiveTaste(s, p) },
};
