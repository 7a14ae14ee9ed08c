import { builtinScenario } from "../../shared/scenarios/index.js";
import type { Scenario } from "../../shared/scenario/schema.js";
import { describeProblems } from "../../shared/util/problems.js";
import { loadScenarioFile } from "../../server/scenario-files.js";

/**
 * A tournament's scenario: a built-in id, or a scenario file (say one from `npm run scenario --
 * import-genius`). Workers resolve it again from the same string, so files are cached per thread.
 */

const files = new Map<string, Scenario>();

export function resolveTournamentScenario(idOrFile: string): { ok: true; scenario: Scenario } | { ok: false; message: string } {
  const builtin = builtinScenario(idOrFile);
  if (builtin) return { ok: true, scenario: builtin };
  const cached = files.get(idOrFile);
  if (cached) return { ok: true, scenario: cached };
  if (!idOrFile.endsWith(".json")) return { ok: false, message: `no built-in scenario "${idOrFile}" (a scenario file must end in .json)` };
  const loaded = loadScenarioFile(idOrFile);
  if (!loaded.ok) return { ok: false, message: `${idOrFile}: ${describeProblems(loaded.problems)}` };
  files.set(idOrFile, loaded.scenario);
  return { ok: true, scenario: loaded.scenario };
}

export function tournamentScenario(idOrFile: string): Scenario {
  const resolved = resolveTournamentScenario(idOrFile);
  if (!resolved.ok) throw new Error(resolved.message);
  return resolved.scenario;
}
