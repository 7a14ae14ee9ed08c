import type { BotParams, StrategyName } from "./spec.js";
import { grossPoints, isAllowed, netPoints, type Situation } from "./situation.js";
import { strategies } from "./strategies.js";

/**
 * One move, from the bot's situation: compute the target, the package it would offer next,
 * then accept the standing offer if it is worth at least that package (AC_next) — or, on the
 * bot's very last move, if it merely beats no deal — else offer. Two guards hold for every
 * strategy: nothing below the reservation value is offered or accepted, and nothing that breaks
 * one of the bot's own red lines. (The other side's red lines are confidential; a bot never
 * accepts an offer that breaks its own, so two bots never sign a package that fails ratification.)
 */

export type Decision =
  | { kind: "accept"; proposalId: string; points: number }
  | { kind: "propose"; choice: number[]; points: number; target: number; reusedTheirs: boolean }
  | { kind: "walkaway"; reason: "nothing-to-offer" | "deadline" };

const EPSILON = 1e-9;

export function decide(s: Situation, strategy: StrategyName, params: BotParams, random: () => number): Decision {
  const best = s.bestGross - s.delayCost;
  // No package the bot may offer beats no deal: there is nothing to negotiate.
  if (!Number.isFinite(best) || best < s.reservation - EPSILON) return { kind: "walkaway", reason: "nothing-to-offer" };

  const behaviour = strategies[strategy];
  const target = Math.min(best, Math.max(s.reservation, behaviour.target(s, params)));
  const offer = nextOffer(s, target, (floor) => behaviour.offer(s, params, floor, random));

  const standing = s.standing;
  if (standing && isAllowed(s, standing.choice)) {
    const value = netPoints(s, standing.choice);
    const worthIt = value >= offer.points - EPSILON || (params.lastMoveFallback && s.lastMove);
    if (value >= s.reservation - EPSILON && worthIt) return { kind: "accept", proposalId: standing.id, points: value };
  }
  // The last move of the match: an offer now would never be answered.
  if (s.lastMove) return { kind: "walkaway", reason: "deadline" };
  return { kind: "propose", ...offer, target };
}

function nextOffer(
  s: Situation,
  target: number,
  search: (floor: number) => number[] | undefined,
): { choice: number[]; points: number; reusedTheirs: boolean } {
  // If the other side once offered something that meets our target, hand it back: they proposed it.
  let theirs: number[] | undefined;
  let theirsPoints = -Infinity;
  for (const choice of s.opponentOffers) {
    const points = netPoints(s, choice);
    if (isAllowed(s, choice) && points >= target - EPSILON && points > theirsPoints) {
      theirs = choice;
      theirsPoints = points;
    }
  }
  if (theirs) return { choice: theirs, points: theirsPoints, reusedTheirs: true };
  // The target never exceeds the best allowed package, so the search always finds one.
  const choice = search(target + s.delayCost);
  if (!choice) throw new Error("no package meets the target; the target must not exceed the best package");
  return { choice, points: grossPoints(s.table, choice) - s.delayCost, reusedTheirs: false };
}
