import { readFileSync } from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";
import { scenarioSourceTexts } from "../../client/src/i18n/scenario-source.js";
import { parseScenario } from "../../shared/scenario/parse.js";
import { describeProblems } from "../../shared/util/problems.js";

/**
 * Serves virtual:tt-scenario-en: the built-in scenario's English under each translation key
 * (client/src/i18n/scenario-source.ts), worked out when the client is built so the bundle holds
 * the texts the Japanese translates and none of the scenario's confidential numbers. The file is
 * read here (not imported) because Vite's config loader is moving to native imports, where a JSON
 * import needs an attribute shared/ does not write.
 */
const VIRTUAL = "virtual:tt-scenario-en";
const FILE = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../shared/scenarios/tariff-talks-2025.json");

export function scenarioSourcePlugin(): Plugin {
  return {
    name: "tariff-talks:scenario-source",
    resolveId(id) {
      return id === VIRTUAL ? `\0${VIRTUAL}` : null;
    },
    load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      this.addWatchFile(FILE);
      const parsed = parseScenario(JSON.parse(readFileSync(FILE, "utf8")));
      if (!parsed.ok) throw new Error(`${FILE} is invalid: ${describeProblems(parsed.error)}`);
      return `export const scenarioTextEn = ${JSON.stringify(scenarioSourceTexts(parsed.value))};\n`;
    },
  };
}
