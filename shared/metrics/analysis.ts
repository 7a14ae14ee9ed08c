import { ratifiableOptions } from "../engine/ratification.js";
import { effectiveSideTable, issueFactors, reservationValue } from "../engine/sheets.js";
import type { MatchState } from "../engine/state.js";
import type { Offer } from "../engine/actions.js";
import { offerIndices, packagePoints } from "../scenario/payoff.js";
import type { Scenario } from "../scenario/schema.js";
import { outcomeCount, paretoFrontier, type FrontierPoint } from "./frontier.js";
import { distance, distanceToFrontier, kalaiSmorodinskyPoint, maxJointGain, nashPoint, type Point } from "./solutions.js";

/**
 * The debrief's numbers for a match: computed from the scenario and a state alone (so from a
 * log alone), over the ratifiable outcome space — a package that breaks a red line is no deal.
 * Side A is the scenario's first side, side B its second (Japan and US in tariff-talks-2025).
 */

export type PackageMetrics = {
  points: Point;
  /** Gain over no deal, both sides together. */
  jointGain: number;
  /** jointGain / maximum joint gain (1 = no value left on the table). */
  jointGainShare: number;
  distanceToFrontier: number;
  distanceToNash: number | null;
  /** Whether the package passes every red line. */
  ratifiable: boolean;
};

export type SpaceAnalysis = {
  sides: [string, string];
  outcomes: number;
  ratifiableOutcomes: number;
  reservation: Point;
  frontier: FrontierPoint[];
  nash: FrontierPoint | null;
  kalaiSmorodinsky: FrontierPoint | null;
  maxJointGain: number;
  maxJointGainPoint: FrontierPoint | null;
};

/**
 * The analysis depends on the state only through the sheets' issue factors and the reservation
 * values, so matches of one class with the same events share it. Cached per scenario object.
 */
const analysisCache = new WeakMap<Scenario, Map<string, SpaceAnalysis>>();

function analysisKey(scenario: Scenario, state: MatchState): string {
  return JSON.stringify(scenario.sides.map((side) => [issueFactors(scenario, state, side.id), reservationValue(scenario, state, side.id)]));
}

export function analyzeSpace(scenario: Scenario, state: MatchState): SpaceAnalysis {
  let perScenario = analysisCache.get(scenario);
  if (!perScenario) {
    perScenario = new Map();
    analysisCache.set(scenario, perScenario);
  }
  const key = analysisKey(scenario, state);
  const cached = perScenario.get(key);
  if (cached) return cached;
  const analysis = computeAnalysis(scenario, state);
  // A long-running server sees many event combinations; keep the cache small.
  if (perScenario.size > 256) perScenario.clear();
  // Shared between callers: frozen so that no caller can change another's figures.
  Object.freeze(analysis.frontier);
  perScenario.set(key, Object.freeze(analysis));
  return analysis;
}

/** The same without the cache: what the benchmark times. */
export function computeAnalysis(scenario: Scenario, state: MatchState): SpaceAnalysis {
  const [sideA, sideB] = scenario.sides.map((s) => s.id) as [string, string];
  const tableA = effectiveSideTable(scenario, state, sideA);
  const tableB = effectiveSideTable(scenario, state, sideB);
  const allowed = ratifiableOptions(scenario);
  const frontier = paretoFrontier(tableA, tableB, allowed);
  const reservation = { a: reservationValue(scenario, state, sideA), b: reservationValue(scenario, state, sideB) };
  const joint = maxJointGain(frontier, reservation);
  return {
    sides: [sideA, sideB],
    outcomes: outcomeCount(tableA),
    ratifiableOutcomes: outcomeCount(tableA, allowed),
    reservation,
    frontier,
    nash: nashPoint(frontier, reservation) ?? null,
    kalaiSmorodinsky: kalaiSmorodinskyPoint(frontier, reservation) ?? null,
    maxJointGain: joint.gain,
    maxJointGainPoint: joint.point ?? null,
  };
}

/** Both sides' points for a package under the state's sheets (before delay costs). */
export function packagePointPair(scenario: Scenario, state: MatchState, offer: Offer): Point | undefined {
  const indices = offerIndices(scenario, offer);
  if (!indices) return undefined;
  const [sideA, sideB] = scenario.sides.map((s) => s.id) as [string, string];
  return {
    a: packagePoints(effectiveSideTable(scenario, state, sideA), indices),
    b: packagePoints(effectiveSideTable(scenario, state, sideB), indices),
  };
}

export function packageMetrics(scenario: Scenario, state: MatchState, analysis: SpaceAnalysis, offer: Offer): PackageMetrics | undefined {
  const points = packagePointPair(scenario, state, offer);
  const indices = offerIndices(scenario, offer);
  if (!points || !indices) return undefined;
  const allowed = ratifiableOptions(scenario);
  const jointGain = points.a - analysis.reservation.a + (points.b - analysis.reservation.b);
  return {
    points,
    jointGain,
    jointGainShare: analysis.maxJointGain > 0 ? jointGain / analysis.maxJointGain : 0,
    distanceToFrontier: distanceToFrontier(analysis.frontier, points),
    distanceToNash: analysis.nash ? distance(points, analysis.nash) : null,
    ratifiable: indices.every((option, issue) => allowed[issue]![option]!),
  };
}

/** Turns a frontier point's option indices back into an offer. */
export function choiceToOffer(scenario: Scenario, choice: readonly number[]): Offer {
  return Object.fromEntries(scenario.issues.map((issue, i) => [issue.id, issue.options[choice[i]!]!.id]));
}
