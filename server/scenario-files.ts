import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { installScenario, parseScenario, type Problem, type Scenario } from "../shared/index.js";

/**
 * Scenario files on disk: one file read and checked (for `npm run scenario -- check` and the
 * tournament), and the SCENARIOS_DIR folder installed at server start beside the built-ins.
 * A bad file is reported with the loader's `path: reason` lines and skipped; it never stops the server.
 */

export type LoadedScenario = { ok: true; scenario: Scenario; raw: unknown } | { ok: false; problems: Problem[] };

export function loadScenarioFile(file: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { ok: false, problems: [{ path: "(file)", message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: "(file)", message: `${file} is not JSON: ${(error as Error).message}` }] };
  }
  const parsed = parseScenario(raw);
  return parsed.ok ? { ok: true, scenario: parsed.value, raw } : { ok: false, problems: parsed.error };
}

export type InstalledScenarios = { dir: string; ids: string[]; problems: string[] };

/** Installs every `*.json` in `dir` (in name order); a missing folder installs nothing. */
export function installScenariosDir(dir: string): InstalledScenarios {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { dir, ids: [], problems: code === "ENOENT" ? [] : [`${dir}: cannot read the folder (${code ?? String(error)})`] };
  }
  const ids: string[] = [];
  const problems: string[] = [];
  const report = (file: string, list: readonly Problem[]) => problems.push(...list.map((p) => `${file}: ${p.path}: ${p.message}`));
  for (const name of names) {
    const file = path.join(dir, name);
    const loaded = loadScenarioFile(file);
    if (!loaded.ok) {
      report(file, loaded.problems);
      continue;
    }
    const installed = installScenario(loaded.raw);
    if (!installed.ok) report(file, installed.error);
    else ids.push(installed.value.id);
  }
  return { dir, ids, problems };
}
