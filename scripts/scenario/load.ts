import { readFileSync } from "node:fs";
import { parseScenario } from "../../shared/scenario/parse.js";
import type { Scenario } from "../../shared/scenario/schema.js";
import type { Problem } from "../../shared/util/problems.js";

/** Reads a scenario file: a file that cannot be read or is not JSON is one problem, like the loader's others. */
export function loadScenarioFile(file: string): { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { ok: false, problems: [{ path: "(file)", message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: "(file)", message: `${file} is not JSON: ${(error as Error).message}` }] };
  }
  const parsed = parseScenario(json);
  return parsed.ok ? { ok: true, scenario: parsed.value } : { ok: false, problems: parsed.error };
}
