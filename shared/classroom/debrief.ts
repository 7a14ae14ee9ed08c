import { newMatch } from "../engine/engine.js";
import { offerPoints } from "../engine/sheets.js";
import type { FiredEvent, MatchState, OutcomeKind } from "../engine/state.js";
import { analyzeSpace, packageMetrics, packagePointPair } from "../metrics/analysis.js";
import type { Point } from "../metrics/solutions.js";
import type { Scenario } from "../scenario/schema.js";

/**
 * The class debrief, table by table. Two spaces are at play, and each number says which:
 * - a table's own space: its sheets in its final state (every event that fired there — timeline,
 *   deck, the instructor's — and its private variant). Its metrics (joint-gain share, distances)
 *   are measured there, so they are right for that table whatever happened elsewhere.
 * - the class chart's space: the events that fired at every table, no private variant
 *   (`classChartState`). The class chart draws that frontier, and each table's package as a
 *   point in it (`dealPoints`), so every mark on one chart is in the same units.
 * When a table had no events of its own (and no private variant), the two coincide.
 */

/** The points plane of one state: where no deal is, the Nash point, the largest joint gain. */
export type SpaceSummary = { noDeal: Point; nash: Point | null; maxJointGain: number };

/** One row of the class debrief's table of tables. */
export type TableDebrief = {
  tableId: string;
  matchId: string;
  phase: MatchState["phase"];
  outcome: string;
  /** Final points per side (the outcome's), or null while the table still plays. */
  points: Record<string, number> | null;
  /** true for a deal, false for no deal (walk-away, deadline, failed ratification, stopped by the instructor), null while playing. */
  agreed: boolean | null;
  /** The agreed (or failed) package in the class chart's space (before delay), for the chart. */
  dealPoints: { a: number; b: number } | null;
  /** Measured in the table's own space: share of its largest joint gain, distances to its frontier and Nash point. */
  jointGainShare: number | null;
  distanceToFrontier: number | null;
  distanceToNash: number | null;
  /** The table's own space: its package there, no deal, Nash, and the events that fired only here (not at every table). */
  own: SpaceSummary & { dealPoints: Point | null; extraEvents: string[] };
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

/** Events are the same when they do the same (id and effects); when or why they fired does not move the sheets. */
const eventKey = (event: FiredEvent): string => JSON.stringify([event.id, event.effects]);

/** The events that fired at every one of these tables (as many times as at the table that had them least). */
export function commonEvents(states: readonly MatchState[]): FiredEvent[] {
  const [first, ...rest] = states;
  if (!first) return [];
  const counts = rest.map((state) => {
    const count = new Map<string, number>();
    for (const event of state.events) count.set(eventKey(event), (count.get(eventKey(event)) ?? 0) + 1);
    return count;
  });
  const taken = new Map<string, number>();
  const common: FiredEvent[] = [];
  for (const event of first.events) {
    const key = eventKey(event);
    const n = (taken.get(key) ?? 0) + 1;
    taken.set(key, n);
    if (counts.every((count) => (count.get(key) ?? 0) >= n)) common.push(event);
  }
  return common;
}

/** The class chart's space: a state with no private variant whose events are the ones every table had. */
export function classChartState(scenario: Scenario, states: readonly MatchState[]): MatchState {
  const base = newMatch(scenario, { seed: "class-chart", settings: { events: "none" } });
  if (!base.ok) throw new Error(base.error.message);
  return { ...base.value, events: commonEvents(states) };
}

export function spaceSummary(scenario: Scenario, state: MatchState): SpaceSummary {
  const space = analyzeSpace(scenario, state);
  return { noDeal: { ...space.reservation }, nash: space.nash ? { a: space.nash.a, b: space.nash.b } : null, maxJointGain: space.maxJointGain };
}

const noDealKinds: readonly OutcomeKind[] = ["walkaway", "deadline", "ratification-failed", "stopped"];

/**
 * A table's row. `chart` is the class chart's state (`classChartState` of every table); alone,
 * a table is its own chart.
 */
export function tableDebrief(scenario: Scenario, state: MatchState, ids: { tableId: string; matchId: string }, chart: MatchState = state): TableDebrief {
  const outcome = state.outcome;
  const space = analyzeSpace(scenario, state);
  const deal = outcome?.offer ? packageMetrics(scenario, state, space, outcome.offer) ?? null : null;
  const inChart = new Map<string, number>();
  for (const event of chart.events) inChart.set(eventKey(event), (inChart.get(eventKey(event)) ?? 0) + 1);
  const extraEvents = state.events.filter((event) => {
    const left = inChart.get(eventKey(event)) ?? 0;
    inChart.set(eventKey(event), left - 1);
    return left <= 0;
  }).map((e) => e.id);
  return {
    ...ids,
    phase: state.phase,
    outcome: outcome?.kind ?? "playing",
    points: outcome?.points ?? null,
    agreed: outcome ? !noDealKinds.includes(outcome.kind) : null,
    dealPoints: outcome?.offer ? packagePointPair(scenario, chart, outcome.offer) ?? null : null,
    jointGainShare: outcome?.kind === "agreement" && deal ? deal.jointGainShare : null,
    distanceToFrontier: deal?.distanceToFrontier ?? null,
    distanceToNash: deal?.distanceToNash ?? null,
    own: { ...spaceSummary(scenario, state), dealPoints: deal?.points ?? null, extraEvents },
    rounds: state.round,
    proposals: state.proposals.length,
    firstConcession: firstConcession(scenario, state),
    ratified: outcome?.kind === "agreement" ? true : outcome?.kind === "ratification-failed" ? false : null,
  };
}
