import { newMatch } from "../engine/engine.js";
import { ratifiableOptions } from "../engine/ratification.js";
import { sidePointTable, type PointTable } from "../scenario/payoff.js";
import type { Scenario } from "../scenario/schema.js";
import { choiceToOffer, computeAnalysis } from "./analysis.js";

/**
 * What an author wants to know about a scenario before a class plays it: the size of the space,
 * the frontier, the Nash point and each side's best and worst deal — on the sheets as written
 * (no private variant, no events), over the ratifiable packages.
 */

export type DealSummary = { offer: Record<string, string>; points: Record<string, number> };

export type ScenarioSummary = {
  id: string;
  title: string;
  sides: { id: string; name: string; roles: number; reservation: number; redLines: number }[];
  issues: { id: string; name: string; options: number; payoff: string }[];
  rounds: number;
  outcomes: number;
  ratifiableOutcomes: number;
  frontierSize: number;
  nash: DealSummary | null;
  maxJointGain: number;
  /** side id → its best and worst ratifiable deal. */
  extremes: Record<string, { best: DealSummary; worst: DealSummary }>;
};

export function summarizeScenario(scenario: Scenario): ScenarioSummary {
  const created = newMatch(scenario, { seed: "summary" });
  if (!created.ok) throw new Error(created.error.message); // a parsed scenario always starts
  const analysis = computeAnalysis(scenario, created.value);
  const tables = new Map(scenario.sides.map((side) => [side.id, sidePointTable(scenario, side.id)]));
  const allowed = ratifiableOptions(scenario);
  const deal = (choice: readonly number[]): DealSummary => ({
    offer: choiceToOffer(scenario, choice),
    points: Object.fromEntries([...tables].map(([side, table]) => [side, choice.reduce((sum, option, issue) => sum + table[issue]![option]!, 0)])),
  });
  const extremes: ScenarioSummary["extremes"] = {};
  for (const side of scenario.sides) {
    const own = tables.get(side.id)!;
    const other = tables.get(scenario.sides.find((s) => s.id !== side.id)!.id)!;
    extremes[side.id] = { best: deal(extremeChoice(own, other, allowed, 1)), worst: deal(extremeChoice(own, other, allowed, -1)) };
  }
  return {
    id: scenario.id,
    title: scenario.title,
    sides: scenario.sides.map((s) => ({ id: s.id, name: s.name, roles: s.roles.length, reservation: s.reservation, redLines: s.redLines.length })),
    issues: scenario.issues.map((i) => ({ id: i.id, name: i.name, options: i.options.length, payoff: i.payoff.kind })),
    rounds: scenario.rounds.length,
    outcomes: analysis.outcomes,
    ratifiableOutcomes: analysis.ratifiableOutcomes,
    frontierSize: analysis.frontier.length,
    nash: analysis.nash ? deal(analysis.nash.choice) : null,
    maxJointGain: analysis.maxJointGain,
    extremes,
  };
}

/**
 * Points add up issue by issue, so a side's best (sign 1) or worst (sign −1) ratifiable package
 * takes its best or worst allowed option on each issue; ties go to what the other side prefers.
 */
function extremeChoice(own: PointTable, other: PointTable, allowed: readonly (readonly boolean[])[], sign: 1 | -1): number[] {
  return own.map((row, issue) => {
    let best = -1;
    row.forEach((points, option) => {
      if (!allowed[issue]![option]) return;
      if (best < 0) best = option;
      const delta = sign * (points - row[best]!);
      if (delta > 1e-9 || (Math.abs(delta) <= 1e-9 && other[issue]![option]! > other[issue]![best]!)) best = option;
    });
    return best;
  });
}
