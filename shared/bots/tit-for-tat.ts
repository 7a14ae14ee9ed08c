import type { BotParams } from "./spec.js";
import { grossPoints, type Situation } from "./situation.js";

/**
 * Relative tit-for-tat (Axelrod; Faratin et al.): the bot concedes, in its own points, as much
 * as the other side's offers have improved for it since their first one (best so far, so a
 * random wobble is not mistaken for a concession), plus a small step per own offer so that two
 * mirrors do not wait for each other forever.
 */
export function titForTatTarget(s: Situation, params: BotParams): number {
  const max = s.bestGross - s.delayCost;
  const range = Math.max(0, max - s.reservation);
  const received = s.opponentOffers.map((choice) => grossPoints(s.table, choice));
  const opponentConcession = received.length > 0 ? Math.max(...received) - received[0]! : 0;
  return max - params.reciprocity * opponentConcession - params.generosity * range * s.myOffers.length;
}
