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

