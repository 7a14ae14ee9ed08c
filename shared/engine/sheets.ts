import { packagePoints, rolePointTable, sidePointTable, offerIndices, type PointTable } from "../scenario/payoff.js";
import type { Scenario } from "../scenario/schema.js";
import type { Offer } from "./actions.js";
import type { MatchState } from "./state.js";

/**
 * What each side's points are right now: the scenario's computed table, times the match's
 * private variant, times every fired event's effects. Derived from the state on demand, never stored.
 */

const baseTables = new WeakMap<Scenario, Map<string, PointTable>>();

function cachedTable(scenario: Scenario, key: string, compute: () => PointTable): PointTable {
  let perScenario = baseTables.get(scenario);
  if (!perScenario) {
    perScenario = new Map();
    baseTables.set(scenario, perScenario);
  }
  let table = perScenario.get(key);
  if (!table) {
    table = compute();
    perScenario.set(key, table);
  }
  return table;
}

export const baseSideTable = (scenario: Scenario, side: string): PointTable =>
  cachedTable(scenario, `side:${side}`, () => sidePointTable(scenario, side));

export const baseRoleTable = (scenario: Scenario, side: string, role: string): PointTable =>
  cachedTable(scenario, `role:${side}/${role}`, () => rolePointTable(scenario, side, role));

/** Per-issue multipliers for a side from the variant and the fired events' scale effects. */
export function issueFactors(scenario: Scenario, state: MatchState, side: string): number[] {
  const factors = scenario.issues.map((_, i) => state.variant?.[side]?.[i] ?? 1);
  for (const event of state.events) {
    for (const effect of event.effects) {
      if (effect.kind !== "scale" || effect.side !== side) continue;
      const index = scenario.issues.findIndex((issue) => issue.id === effect.issue);
      if (index >= 0) factors[index] = factors[index]! * effect.factor;
    }
  }
  return factors;
}

/** A point table times per-issue factors (`issueFactors`): the one place the scaling rule lives. */
export const scaleTable = (table: PointTable, factors: readonly number[]): PointTable =>
  table.map((row, i) => row.map((points) => points * factors[i]!));

export function effectiveSideTable(scenario: Scenario, state: MatchState, side: string): PointTable {
  return scaleTable(baseSideTable(scenario, side), issueFactors(scenario, state, side));
}

export function effectiveRoleTable(scenario: Scenario, state: MatchState, side: string, role: string): PointTable {
  return scaleTable(baseRoleTable(scenario, side, role), issueFactors(scenario, state, side));
}

/** Points of no deal for a side: its base reservation moved by events, plus what the fallbacks now in force are worth. */
export function reservationValue(scenario: Scenario, state: MatchState, side: string): number {
  const value = scenario.sides.find((s) => s.id === side)?.reservation ?? 0;
  const moved = withEffectDeltas(value, state, "reservation", side);
  const fallbacks = fallbackOptions(state, side);
  if (fallbacks.size === 0) return moved;
  // The fallback option's points on the side's current sheet (variant and scale effects applied):
  // with no deal, that issue ends at that option instead of the scenario's no-deal option.
  const table = effectiveSideTable(scenario, state, side);
  let sum = moved;
  scenario.issues.forEach((issue, i) => {
    const option = fallbacks.get(issue.id);
    if (option === undefined) return;
    const j = issue.options.findIndex((o) => o.id === option);
    if (j >= 0) sum += table[i]![j]!;
  });
  return sum;
}

/** issue id → the option no deal now leaves it at, from the side's fired reservation effects (the latest wins). */
export function fallbackOptions(state: MatchState, side: string): Map<string, string> {
  const fallbacks = new Map<string, string>();
  for (let e = 0; e < state.events.length; e++) {
    const effects = state.events[e]!.effects;
    for (let f = 0; f < effects.length; f++) {
      const effect = effects[f]!;
      if (effect.kind === "reservation" && effect.side === side && effect.fallback) fallbacks.set(effect.fallback.issue, effect.fallback.option);
    }
  }
  return fallbacks;
}

/** Points a side loses for each further round without agreement, in the current round. */
export function pressurePerRound(scenario: Scenario, state: MatchState, side: string): number {
  const value = scenario.rounds[state.round - 1]?.pressure[side] ?? scenario.rounds.at(-1)?.pressure[side] ?? 0;
  return withEffectDeltas(value, state, "pressure", side);
}

/**
 * `value` plus the fired events' deltas of one kind for a side, added one by one in the order they
 * fired (the order fixes the last bits of the sum, and logs hash the points).
 */
function withEffectDeltas(value: number, state: MatchState, kind: "reservation" | "pressure", side: string): number {
  let sum = value;
  for (const event of state.events) for (const effect of event.effects) if (effect.kind === kind && effect.side === side) sum += effect.delta;
  return sum;
}

/** A side's points for a package under the current sheet (before delay costs); undefined for an invalid offer. */
export function offerPoints(scenario: Scenario, state: MatchState, side: string, offer: Offer): number | undefined {
  const indices = offerIndices(scenario, offer);
  return indices === undefined ? undefined : packagePoints(effectiveSideTable(scenario, state, side), indices);
}
