import { parseScenario } from "../../../shared/scenario/parse.js";
import { publicScenario, type PublicScenario } from "../../../shared/engine/views.js";
import type { Problem } from "../../../shared/util/problems.js";

/**
 * A scenario file the instructor picked in the class form, read in the browser with the same
 * parser the server uses (shared/scenario/parse.ts), so its problems show before anything is
 * sent; the server checks it again on `PUT /api/classes/:code/scenario` and has the last word.
 * Pure, so it is tested without a browser.
 */

/** The server's limit for an uploaded scenario (server/http/classes-api.ts). */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

export type ScenarioUpload = { fileName: string; source: unknown; scenario: PublicScenario };
export type UploadReading = { ok: true; upload: ScenarioUpload } | { ok: false; fileName: string; problems: Problem[] };

/** `text` null: the file was too large to read. `takenIds`: the scenarios already on the server (an upload may not reuse their id). */
export function readScenarioFile(fileName: string, text: string | null, takenIds: readonly string[] = []): UploadReading {
  const refuse = (problems: Problem[]): UploadReading => ({ ok: false, fileName, problems });
  if (text === null || new TextEncoder().encode(text).length > MAX_SCENARIO_BYTES) return refuse([{ path: "(file)", message: "larger than 1 MB" }]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return refuse([{ path: "(file)", message: `not JSON (${error instanceof Error ? error.message : String(error)})` }]);
  }
  const parsed = parseScenario(json);
  if (!parsed.ok) return refuse(parsed.error);
  if (takenIds.includes(parsed.value.id)) return refuse([{ path: "id", message: `a scenario "${parsed.value.id}" is already on this server; give yours another id` }]);
  return { ok: true, upload: { fileName, source: json, scenario: publicScenario(parsed.value) } };
}

/** Problems as a person reads them, `path: reason`, at most `limit` lines; `more` are left out. */
export function problemLines(problems: readonly Problem[], limit = 12): { lines: string[]; more: number } {
  return { lines: problems.slice(0, limit).map((p) => `${p.path}: ${p.message}`), more: Math.max(0, problems.length - limit) };
}

/** What the form says about an uploaded scenario: its sides and issues by name. */
export function uploadFacts(scenario: PublicScenario): { sides: string; issues: string; issueCount: number } {
  return { sides: scenario.sides.map((s) => s.name).join(" / "), issues: scenario.issues.map((i) => i.name).join(", "), issueCount: scenario.issues.length };
}
