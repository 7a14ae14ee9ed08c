import type { BotParams } from "./spec.js";
import type { Situation } from "./situation.js";

/**
 * Time-dependent tactics (Faratin, Sierra & Jennings 1998): the bot's target, in points an
 * agreement would score it now, falls from its best package to its walk-away point as
 * `Pmin + (Pmax − Pmin)(1 − t^(1/e))`. Pmax shrinks as delay costs build up; Pmin is the
 * reservation value, which events may move.
 */
export function timeTarget(s: Situation, e: number): number {
  const max = s.bestGross - s.delayCost;
  if (e <= 0) return max;
  const min = Math.min(s.reservation, max);
  return min + (max - min) * (1 - Math.pow(s.t, 1 / e));
}

/**
 * Without an opponent model the bot takes a package close to its target, tilted at random so it
 * does not repeat one fixed package: score = −own points + noise. (This is the "bid nearest the
 * target utility" of the GENIUS time-dependent agents, with a seeded shake.)
 */
export function nearTargetTaste(s: Situation, params: BotParams, random: () => number): number[][] {
  return s.table.map((row) => {
    const range = Math.max(...row) - Math.min(...row);
    return row.map((points) => -points + params.noise * range * random());
  });
}
