import { analyzeSpace, packageMetrics } from "../../shared/metrics/analysis.js";
import { distance, distanceToFrontier } from "../../shared/metrics/solutions.js";
import type { Scenario } from "../../shared/scenario/schema.js";
import type { MatchSettingsInput } from "../../shared/engine/actions.js";
import type { MatchState } from "../../shared/engine/state.js";
import { playBotMatch, resolveBot, type BotSpec } from "../../shared/bots/index.js";

/** One tournament match: which bots on which side, and the numbers the tables are built from. */

export type MatchJob = { index: number; scenarioId: string; seed: string; settings: MatchSettingsInput; a: string; b: string };

export type MatchResult = {
  index: number;
  /** Strategy on the scenario's first side (A) and second side (B). */
  a: string;
  b: string;
  seed: string;
  outcome: string;
  agreement: boolean;
  /** Round of the agreement (or of the end). */
  round: number;
  /** Final points per side: the package minus delay costs, or the no-deal value. */
  pointsA: number;
  pointsB: number;
  socialWelfare: number;
  /** Of the agreed package, or of the no-deal point when there is none. */
  distancePareto: number;
  distanceNash: number | null;
  /** Joint gain over no deal of the agreed package / the maximum (0 without agreement). */
  jointGainShare: number;
  /** Moves each side lost (external bots only: timeout, crash, garbage, refused action). */
  lostA: number;
  lostB: number;
};

export function specFor(name: string): BotSpec {
  const resolved = resolveBot(name);
  if (!resolved.ok) throw new Error(resolved.error.message);
  return resolved.value;
}

export function playJob(scenario: Scenario, job: MatchJob): MatchResult {
  const [sideA, sideB] = scenario.sides.map((s) => s.id) as [string, string];
  const { state } = playBotMatch(scenario, {
    seed: job.seed,
    settings: job.settings,
    seats: { [sideA]: { spec: specFor(job.a) }, [sideB]: { spec: specFor(job.b) } },
  });
  return matchResult(scenario, job, state);
}

/** The numbers of a finished match; `lost` counts each side's lost moves. */
export function matchResult(scenario: Scenario, job: MatchJob, state: MatchState, lost: { a: number; b: number } = { a: 0, b: 0 }): MatchResult {
  const [sideA, sideB] = scenario.sides.map((s) => s.id) as [string, string];
  const outcome = state.outcome!;
  const analysis = analyzeSpace(scenario, state);
  const agreement = outcome.kind === "agreement" && outcome.offer !== undefined;
  const deal = agreement ? packageMetrics(scenario, state, analysis, outcome.offer!) : undefined;
  const noDeal = analysis.reservation;
  const pointsA = outcome.points[sideA] ?? 0;
  const pointsB = outcome.points[sideB] ?? 0;
  return {
    index: job.index,
    a: job.a,
    b: job.b,
    seed: job.seed,
    outcome: outcome.kind,
    agreement,
    round: outcome.round,
    pointsA,
    pointsB,
    socialWelfare: pointsA + pointsB,
    distancePareto: deal ? deal.distanceToFrontier : distanceToFrontier(analysis.frontier, noDeal),
    distanceNash: deal ? deal.distanceToNash : analysis.nash ? distance(noDeal, analysis.nash) : null,
    jointGainShare: deal ? deal.jointGainShare : 0,
    lostA: lost.a,
    lostB: lost.b,
  };
}
