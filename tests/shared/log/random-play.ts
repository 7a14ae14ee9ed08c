import seedrandom from "seedrandom";
import type { MatchState, Scenario } from "../../../shared/index.js";

/**
 * Random actions for property tests: mostly plausible moves from either side (so many are
 * refused as out of turn, stale or malformed), with a few system actions mixed in.
 */
export function randomAction(scenario: Scenario, state: MatchState, random: seedrandom.PRNG): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const player = state.players.length > 0 && random() < 0.95 ? pick(state.players).id : "ghost";
  const offer = () => Object.fromEntries(scenario.issues.map((issue) => [issue.id, pick(issue.options).id]));
  const roll = random();
  if (roll < 0.4) return { type: "propose", by: player, offer: offer() };
  if (roll < 0.5) return { type: "accept", by: player, proposalId: random() < 0.7 ? (state.standingProposalId ?? "p1") : `p${Math.floor(random() * 9)}` };
  if (roll < 0.6) return { type: "chat", by: player, text: `note ${Math.floor(random() * 1000)}`, to: random() < 0.5 ? "table" : "team" };
  if (roll < 0.66) return { type: "ready", by: player };
  if (roll < 0.7) return { type: "timeout" };
  if (roll < 0.72) return { type: "start" };
  if (roll < 0.735) return { type: "walkaway", by: player };
  if (roll < 0.75) {
    const side = pick(scenario.sides);
    return { type: "join", player: { id: `p${Math.floor(random() * 6)}`, name: "Late", side: side.id, role: pick(side.roles).id } };
  }
  if (roll < 0.77) {
    return { type: "inject", event: { id: "news", title: "News", headline: "Something happened.", effects: [{ kind: "reservation", side: pick(scenario.sides).id, delta: -2 }] } };
  }
  // Malformed: broken offers, wrong types, unknown action types.
  return pick([
    { type: "propose", by: player, offer: { ...offer(), [scenario.issues[0]!.id]: "nope" } },
    { type: "propose", by: player, offer: {} },
    { type: "accept", by: player },
    { type: "chat", by: player, text: "x".repeat(600), to: "table" },
    { type: "dance", by: player },
    { type: "propose", by: 12, offer: offer() },
    "propose",
    null,
  ]);
}
