import tariffTalks2025 from "./tariff-talks-2025.json";
import harborLease from "./harbor-lease.json";
import { parseScenario } from "../scenario/parse.js";
import type { Scenario } from "../scenario/schema.js";
import { describeProblems } from "../util/problems.js";

/** The scenarios that ship with the game, parsed once; a broken built-in file is a bug, so it throws. */
const rawBuiltins: Record<string, unknown> = {
  "tariff-talks-2025": tariffTalks2025,
  "harbor-lease": harborLease,
};

export const DEFAULT_SCENARIO_ID = "tariff-talks-2025";

const cache = new Map<string, Scenario>();

export function builtinScenarioIds(): string[] {
  return Object.keys(rawBuiltins);
}

/** A fresh copy of the raw JSON, for tools that edit parameters and re-parse. */
export function builtinScenarioSource(id: string): unknown {
  const raw = rawBuiltins[id];
  return raw === undefined ? undefined : structuredClone(raw);
}

export function builtinScenario(id: string): Scenario | undefined {
  const cached = cache.get(id);
  if (cached) return cached;
  const raw = rawBuiltins[id];
  if (raw === undefined) return undefined;
  const parsed = parseScenario(raw);
  if (!parsed.ok) throw new Error(`built-in scenario ${id} is invalid: ${describeProblems(parsed.error)}`);
  cache.set(id, parsed.value);
  return parsed.value;
}
