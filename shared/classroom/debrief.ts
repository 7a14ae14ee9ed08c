import { offerPoints } from "../engine/sheets.js";
import type { MatchState } from "../engine/state.js";
import { analyzeSpace, packageMetrics } from "../metrics/analysis.js";
import type { Scenario } from "../scenario/schema.js";

/** One row of the class debrief's table of tables, computed from a table's match state alone. */
export type TableDebrief = {
  tableId: string;
  matchId: string;
  phase: MatchState["phase"];
  outcome: string;
  /** Final points per side (the outcome's), or null while the table still plays. */
  points: Record<string, number> | null;
  /** Package points (before delay) of the agreed deal, for the points-plane chart. */
  dealPoints: { a: number; b: number } | null;
  jointGainShare: number | null;
  distanceToFrontier: number | null;
  rounds: number;
  proposals: number;
  /** Side that first offered a package worth less to itself than its previous one; null if nobody conceded. */
  firstConcession: string | null;
  /** true when the deal was ratified, false when it failed ratification, null without a deal. */
  ratified: boolean | null;
};

/** The first proposal that gives up points, on the proposer's own sheet, against its side's previous proposal. */
export function firstConcession(scenario: Scenario, state: MatchState): string | null {
  const last = new Map<string, number>();
  for (const proposal of state.proposals) {
    const value = offerPoints(scenario, state, proposal.side, proposal.offer) ?? 0;
    const previous = last.get(proposal.side);
    if (previous !== undefined && value < previous - 1e-9) return proposal.side;
    last.set(proposal.side, value);
  }
  return null;
}

export function tableDebrief(scenario: Scenario, state: MatchState, ids: { tableId: string; matchId: string }): TableDebrief {
  const outcome = state.outcome;
  const deal = outcome?.offer ? packageMetrics(scenario, state, analyzeSpace(scenario, state), outcome.offer) ?? null : null;
  return {
    ...ids,
    phase: state.phase,
    outcome: outcome?.kind ?? "playing",
    points: outcome?.points ?? null,
    dealPoints: deal?.points ?? null,
    jointGainShare: outcome?.kind === "agreement" && deal ? deal.jointGainShare : null,
    distanceToFrontier: deal?.distanceToFrontier ?? null,
    rounds: state.round,
    proposals: state.proposals.length,
    firstConcession: firstConcession(scenario, state),
    ratified: outcome?.kind === "agreement" ? true : outcome?.kind === "ratification-failed" ? false : null,
  };
}
