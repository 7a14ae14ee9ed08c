import { expect } from "vitest";
import { applyAction, builtinScenario, newMatch, type MatchState, type NewMatch, type Scenario } from "../../shared/index.js";

export const tariffScenario = (): Scenario => builtinScenario("tariff-talks-2025")!;

export const twoSeats = [
  { id: "j1", name: "Aki", side: "japan", role: "chief" },
  { id: "u1", name: "Sam", side: "us", role: "treasury" },
];

export function started(scenario: Scenario, options: Partial<NewMatch> = {}): MatchState {
  const created = newMatch(scenario, { seed: "test", players: twoSeats, ...options });
  if (!created.ok) throw new Error(created.error.message);
  return mustApply(scenario, created.value, { type: "start" });
}

export function mustApply(scenario: Scenario, state: MatchState, action: unknown): MatchState {
  const result = applyAction(scenario, state, action);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Applies an action that must be refused with `code`, and checks that the state did not change. */
export function expectRefused(scenario: Scenario, state: MatchState, action: unknown, code: string): string {
  const before = JSON.stringify(state);
  const result = applyAction(scenario, state, action);
  expect(result.ok, `expected ${code}`).toBe(false);
  if (result.ok) return "";
  expect(result.error.code).toBe(code);
  expect(result.error.message.length).toBeGreaterThan(10);
  expect(JSON.stringify(state)).toBe(before);
  return result.error.message;
}
