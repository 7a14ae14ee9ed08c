import { builtinScenario, builtinScenarioSource, parseScenario, type Scenario } from "../../shared/index.js";
import type { ClassRecord } from "./class-record.js";

/**
 * The scenario a class plays: the one its instructor uploaded (kept in the class record, so it
 * belongs to that class alone and survives a restart), or a built-in / installed one by id.
 */

const parsed = new WeakMap<object, Scenario>();

export function classScenario(record: ClassRecord): Scenario {
  const source = record.scenarioSource;
  if (source !== undefined && source !== null && typeof source === "object") {
    let scenario = parsed.get(source);
    if (!scenario) {
      const result = parseScenario(source);
      // The upload was checked before it was stored; a class file edited by hand into nonsense is a bug to see.
      if (!result.ok) throw new Error(`class ${record.code}: its uploaded scenario no longer parses`);
      scenario = result.value;
      parsed.set(source, scenario);
    }
    return scenario;
  }
  const scenario = builtinScenario(record.settings.scenario);
  if (!scenario) throw new Error(`class ${record.code}: no scenario "${record.settings.scenario}"`);
  return scenario;
}

/** The raw file a class table's log embeds. */
export const classScenarioSource = (record: ClassRecord): unknown => record.scenarioSource ?? builtinScenarioSource(record.settings.scenario);
