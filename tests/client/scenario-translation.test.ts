import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioTextEn } from "virtual:tt-scenario-en";
import { builtinScenario, builtinScenarioSource, DEFAULT_SCENARIO_ID, newMatch, parseScenario, viewFor, type Scenario } from "../../shared/index.js";
import { translateContent } from "../../client/src/i18n/index.js";
import { scenarioTextJa } from "../../client/src/i18n/scenario-ja.js";
import { scenarioSourceTexts } from "../../client/src/i18n/scenario-source.js";
import { briefingModel } from "../../client/src/view-models/briefing-model.js";
import { issueName, optionLabel, roleName, roundName, sideName } from "../../client/src/view-models/names.js";

/**
 * Issue 22: the Japanese texts translate the built-in scenario's English, so they replace a text
 * only when that exact English is shown; an uploaded scenario reusing its ids keeps its own words.
 */

const builtin = builtinScenario(DEFAULT_SCENARIO_ID)!;
const ja = (key: string, fallback: string) => translateContent("ja", key, fallback);

function parsed(raw: unknown): Scenario {
  const result = parseScenario(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** The seat's briefing for a fresh match of `scenario`, in Japanese. */
function briefing(scenario: Scenario, side: string, role: string) {
  const [first, second] = scenario.sides;
  const started = newMatch(scenario, {
    seed: "issue-22",
    players: [
      { id: "a", name: "Aiko", side: first!.id, role: first!.roles[0]!.id },
      { id: "b", name: "Sam", side: second!.id, role: second!.roles[0]!.id },
    ],
  });
  if (!started.ok) throw new Error(started.error.message);
  const view = viewFor(scenario, started.value, { kind: "seat", side, role });
  return { view, model: briefingModel(view, ja)! };
}

/** The example job offer with its ids renamed to the tariff scenario's: sides japan/us, role chief, issue A. */
function jobOfferWithTariffIds(): Scenario {
  const text = readFileSync(new URL("../../examples/scenarios/job-offer.json", import.meta.url), "utf8")
    .replaceAll('"firm"', '"japan"')
    .replaceAll('"candidate"', '"us"')
    .replaceAll('"head"', '"chief"')
    .replaceAll('"salary"', '"A"');
  return parsed(JSON.parse(text));
}

describe("Japanese scenario texts (gettext: a translation of one exact English text)", () => {
  it("every key in scenario-ja.ts has its English source in the built-in scenario", () => {
    const english = scenarioSourceTexts(builtin);
    const orphans = Object.keys(scenarioTextJa).filter((key) => english[key] === undefined);
    expect(orphans).toEqual([]);
    // The table the client is built with is that scenario's English, key for key.
    expect(scenarioTextEn).toEqual(english);
  });

  it("a renamed English text drops its stale translation (the English shows until it is translated again)", () => {
    const raw = builtinScenarioSource(DEFAULT_SCENARIO_ID) as { sides: { name: string }[] };
    raw.sides[0]!.name = "Nippon";
    const renamed = parsed(raw);
    expect(scenarioSourceTexts(renamed)["side.japan"]).toBe("Nippon");
    expect(ja("side.japan", "Nippon")).toBe("Nippon");
    expect(ja("side.japan", "Japan")).toBe("日本");
  });

  it("the built-in scenario's briefing is Japanese", () => {
    const { model } = briefing(builtin, "japan", "chief");
    expect(model.story).toBe(scenarioTextJa.story);
    expect(model.sideName).toBe("日本");
    expect(model.roleName).toBe(scenarioTextJa["role.japan.chief"]);
    expect(model.issues[0]!.name).toBe(scenarioTextJa["issue.A"]);
    expect(model.softDeadline).toBe(scenarioTextJa.softDeadline);
    expect(model.hardDeadline).toBe(scenarioTextJa.hardDeadline);
  });

  it("an uploaded scenario reusing the tariff ids shows its own English, not the tariff Japanese", () => {
    const jobOffer = jobOfferWithTariffIds();
    const { view, model } = briefing(jobOffer, "japan", "chief");
    expect(model.story).toBe(jobOffer.story);
    expect(model.story).toMatch(/^Kestrel Robotics has offered/);
    expect(model.sideName).toBe("Kestrel Robotics");
    expect(model.roleName).toBe("Head of engineering");
    expect(model.sideBrief).toMatch(/^Your budget is tight/);
    expect(model.roleBrief).toBe("The release date matters most to you.");
    expect(model.issues.find((i) => i.id === "A")!.name).toBe("Salary");
    expect(model.issues.find((i) => i.id === "A")!.options[0]!.label).toBe("$110,000");
    expect(model.hardDeadline).toBe("The other offer expires");
    // The names every screen uses, for the same scenario.
    expect(sideName(view.scenario, "japan", ja)).toBe("Kestrel Robotics");
    expect(sideName(view.scenario, "us", ja)).toBe("Dana Ortiz");
    expect(roleName(view.scenario, "japan", "chief", ja)).toBe("Head of engineering");
    expect(issueName(view.scenario, "A", ja)).toBe("Salary");
    expect(optionLabel(view.scenario, "A", "110k", ja)).toBe("$110,000");
    expect(roundName(view.scenario, 1, ja)).toBe("Monday");
    expect(ja("title", jobOffer.title)).toBe(jobOffer.title);
    expect(ja("summary", jobOffer.summary)).toBe(jobOffer.summary);
  });

  it("a tariff scenario with another story keeps that story in English and the unchanged texts in Japanese", () => {
    const raw = builtinScenarioSource(DEFAULT_SCENARIO_ID) as { id: string; story: unknown; softDeadline: { label: string } };
    raw.id = "tariff-talks-retold";
    raw.story = "A retold story: the talks begin in June.";
    raw.softDeadline.label = "Osaka summit";
    const retold = parsed(raw);
    const { model } = briefing(retold, "japan", "chief");
    expect(model.story).toBe("A retold story: the talks begin in June.");
    expect(model.softDeadline).toBe("Osaka summit");
    expect(model.sideName).toBe("日本");
    expect(model.issues[0]!.name).toBe(scenarioTextJa["issue.A"]);
    expect(model.hardDeadline).toBe(scenarioTextJa.hardDeadline);
  });

  it("English stays English whatever the key", () => {
    expect(translateContent("en", "side.japan", "Japan")).toBe("Japan");
    expect(translateContent("ja", "no.such.key", "Text")).toBe("Text");
  });
});
