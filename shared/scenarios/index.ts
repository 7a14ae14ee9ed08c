import tariffTalks2025 from "./tariff-talks-2025.json";
import harborLease from "./harbor-lease.json";
import { parseScenario } from "../scenario/parse.js";
import type { Scenario } from "../scenario/schema.js";
import { describeProblems, type Problem } from "../util/problems.js";
import { err, ok, type Result } from "../util/result.js";
import { stableStringify } from "../util/stable-json.js";

/** The scenarios that ship with the game, parsed once; a broken built-in file is a bug, so it throws. */
const rawBuiltins: Record<string, unknown> = {
  "tariff-talks-2025": tariffTalks2025,
  "harbor-lease": harborLease,
};

export const DEFAULT_SCENARIO_ID = "tariff-talks-2025";

const cache = new Map<string, Scenario>();

/**
 * Scenarios installed at start beside the built-in ones (the server's SCENARIOS_DIR): every
 * lookup below sees them too, so rooms, classes and logs treat them like built-ins.
 */
const installed: Record<string, unknown> = {};

/** Parses a scenario file and adds it to the lookups; refused with the loader's problems, or if its id is taken. */
export function installScenario(raw: unknown): Result<Scenario, Problem[]> {
  const parsed = parseScenario(raw);
  if (!parsed.ok) return parsed;
  const id = parsed.value.id;
  // The same file installed again (a second server in one process) is no clash.
  if (Object.hasOwn(installed, id) && stableStringify(installed[id]) === stableStringify(raw)) return ok(builtinScenario(id)!);
  if (rawScenario(id) !== undefined) {
    return err([{ path: "id", message: `a scenario "${id}" is already there (${Object.hasOwn(rawBuiltins, id) ? "built in" : "installed"}); give this one another id` }]);
  }
  installed[id] = structuredClone(raw);
  cache.set(id, parsed.value);
  return ok(parsed.value);
}

/** The built-in scenarios' ids, then the installed ones'. */
export function builtinScenarioIds(): string[] {
  return [...Object.keys(rawBuiltins), ...Object.keys(installed)];
}

/** Own keys only: an id like "constructor" must not find Object.prototype's. */
const rawScenario = (id: string): unknown => (Object.hasOwn(rawBuiltins, id) ? rawBuiltins[id] : Object.hasOwn(installed, id) ? installed[id] : undefined);

/** A fresh copy of the raw JSON, for tools that edit parameters and re-parse. */
export function builtinScenarioSource(id: string): unknown {
  const raw = rawScenario(id);
  return raw === undefined ? undefined : structuredClone(raw);
}

export function builtinScenario(id: string): Scenario | undefined {
  const cached = cache.get(id);
  if (cached) return cached;
  const raw = rawScenario(id);
  if (raw === undefined) return undefined;
  const parsed = parseScenario(raw);
  if (!parsed.ok) throw new Error(`built-in scenario ${id} is invalid: ${describeProblems(parsed.error)}`);
  cache.set(id, parsed.value);
  return parsed.value;
}
