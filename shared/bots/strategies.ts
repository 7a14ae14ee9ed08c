import { adaptiveTarget, adaptiveTaste } from "./adaptive.js";
import { randomPackageNear } from "./near-target.js";
import { pickPackage } from "./search.js";
import type { BotParams, StrategyName } from "./spec.js";
import type { Situation } from "./situation.js";
import { timeTarget } from "./time-dependent.js";
import { titForTatTarget } from "./tit-for-tat.js";

/**
 * A strategy is two pure functions of the bot's situation: how many points it aims for now
 * (`target`, as an agreement would score it today), and which package it offers among those
 * that meet the target (`offer`, option indices). Acceptance and the red-line and reservation
 * guards are shared (see decide.ts).
 */
export type Strategy = {
  target(s: Situation, params: BotParams): number;
  /** A package whose gross points reach `floor` (= target + delay cost); undefined if none does. */
  offer(s: Situation, params: BotParams, floor: number, random: () => number): number[] | undefined;
};

/** No model of the other side: a random package just above the target (GENIUS's "bid near the target utility"). */
const offerNearTarget: Strategy["offer"] = (s, _params, floor, random) => randomPackageNear(s.table, s.allowed, floor, random);

const timeDependent: Strategy = { target: (s, p) => timeTarget(s, p.e), offer: offerNearTarget };

export const strategies: Record<StrategyName, Strategy> = {
  hardliner: timeDependent,
  boulware: timeDependent,
  linear: timeDependent,
  conceder: timeDependent,
  "tit-for-tat": { target: titForTatTarget, offer: offerNearTarget },
  adaptive: {
    target: adaptiveTarget,
    // The package the model says the other side likes best among those that meet the target.
    offer: (s, params, floor) => pickPackage(s.table, adaptiveTaste(s, params), s.allowed, floor)?.choice,
  },
};
