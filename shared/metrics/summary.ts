import type { MatchState } from "../engine/state.js";
import type { Scenario } from "../scenario/schema.js";
import { analyzeSpace, choiceToOffer, packageMetrics, type PackageMetrics, type SpaceAnalysis } from "./analysis.js";

/** The numbers a debrief or a grading script wants from one finished (or unfinished) match. */
export type MatchSummary = {
  scenarioId: string;
  phase: MatchState["phase"];
  outcome: MatchState["outcome"];
  rounds: number;
  proposals: number;
  space: Omit<SpaceAnalysis, "frontier"> & { frontierSize: number };
  /** Metrics of the agreed package (also given for a deal that failed ratification). */
  deal: PackageMetrics | null;
  references: { id: string; label: string; metrics: PackageMetrics | null }[];
  nashOffer: Record<string, string> | null;
};

export function summarizeMatch(scenario: Scenario, state: MatchState, analysis: SpaceAnalysis = analyzeSpace(scenario, state)): MatchSummary {
  const { frontier, ...space } = analysis;
  const offer = state.outcome?.offer;
  return {
    scenarioId: scenario.id,
    phase: state.phase,
    outcome: state.outcome,
    rounds: state.round,
    proposals: state.proposals.length,
    space: { ...space, frontierSize: frontier.length },
    deal: offer ? packageMetrics(scenario, state, analysis, offer) ?? null : null,
    references: scenario.references.map((ref) => ({ id: ref.id, label: ref.label, metrics: packageMetrics(scenario, state, analysis, ref.offer) ?? null })),
    nashOffer: analysis.nash ? choiceToOffer(scenario, analysis.nash.choice) : null,
  };
}
