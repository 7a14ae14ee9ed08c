import { describe, expect, it } from "vitest";
import { builtinScenario, publicScenario } from "../../shared/index.js";
import { translate, translateContent } from "../../client/src/i18n/index.js";
import { scenarioTextJa } from "../../client/src/i18n/scenario-ja.js";
import { scenarioSourceTexts } from "../../client/src/i18n/scenario-source.js";
import { assumptionsModel, realDealModel, sourcesModel } from "../../client/src/view-models/info-model.js";

/** The reading panels' contents, from the public scenario the client receives, in both languages. */

const scenario = builtinScenario("tariff-talks-2025")!;
const shown = publicScenario(scenario);
const ja = (key: string, fallback: string) => translateContent("ja", key, fallback);
const words = (language: "en" | "ja") => ({ citing: (list: string) => translate(language, "info.citing", { list }) });

describe("reading panels", () => {
  it("the public scenario carries the assumptions, the sources and the real deal's notes", () => {
    expect(shown.assumptions?.length).toBe(scenario.assumptions.length);
    expect(shown.sources?.length).toBe(scenario.sources.length);
    expect(shown.references[0]?.notes?.E).toMatch(/safety/);
    expect(shown.eventNotes?.["farm-rally"]).toEqual({ hypothetical: true, sources: [] });
    expect(shown.eventNotes?.["tariff-letter"]).toMatchObject({ hypothetical: false, date: "2025-07-07" });
    expect(shown.story).toMatch(/^It is 30 May 2025/);
  });

  it("lists every assumption with its sources, in English and in Japanese", () => {
    const en = assumptionsModel(shown, words("en"));
    expect(en.map((b) => b.heading)).toContain("Ratification is a teaching model");
    expect(en.find((b) => b.heading === "Ratification is a teaching model")!.text).toMatch(/Sources: International Organization 42\(3\), 1988/);
    const jaBlocks = assumptionsModel(shown, words("ja"), ja);
    for (const block of jaBlocks) {
      expect(block.heading, "every assumption is translated").toMatch(/[ぁ-んァ-ン一-龯]/);
      expect(block.text).toMatch(/[ぁ-んァ-ン一-龯]/);
    }
    expect(jaBlocks.some((b) => b.text.includes("出典："))).toBe(true);
  });

  it("lists the sources by date with outlet, title and link", () => {
    const sources = sourcesModel(shown);
    expect(sources).toHaveLength(scenario.sources.length);
    expect(sources[0]!.text).toMatch(/^1988 · International Organization/);
    for (const s of sources) expect(s.link).toMatch(/^https?:\/\//);
  });

  it("explains the real deal issue by issue, translated", () => {
    const en = realDealModel(shown);
    expect(en).toHaveLength(scenario.issues.length);
    expect(en.find((b) => b.heading!.startsWith("G."))!.text).toMatch(/28 October/);
    const jaBlocks = realDealModel(shown, ja, (parts) => translate("ja", "info.realDealItem", parts));
    expect(jaBlocks[0]!.heading).toMatch(/^A\. .+：15%$/);
    for (const block of jaBlocks) expect(block.text, block.heading).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect(jaBlocks.find((b) => b.heading!.startsWith("F."))!.heading).toContain("回収優先");
    expect(jaBlocks.find((b) => b.heading!.startsWith("F."))!.text).toContain("50/50");
  });

  it("translates every scenario text the client shows (no English left in Japanese)", () => {
    const keys = [
      ...scenario.events.timeline.flatMap((t) => [`event.${t.event.id}.title`, `event.${t.event.id}.headline`]),
      ...scenario.events.deck.flatMap((e) => [`event.${e.id}.title`, `event.${e.id}.headline`]),
      ...scenario.issues.flatMap((i) => [`issue.${i.id}`, ...i.options.map((o) => `option.${i.id}.${o.id}`)]),
      ...scenario.assumptions.flatMap((a) => [`assumption.${a.id}.title`, `assumption.${a.id}.text`]),
      ...scenario.issues.map((i) => `reference.july-2025.note.${i.id}`),
      "story", "summary", "hardDeadline", "softDeadline", "reference.july-2025",
    ];
    // Each text is asked for with the English the scenario shows, as the client does.
    const english = scenarioSourceTexts(scenario);
    const missing = keys.filter((key) => english[key] === undefined || scenarioTextJa[key] === undefined || translateContent("ja", key, english[key]) !== scenarioTextJa[key]);
    expect(missing).toEqual([]);
    for (const e of scenario.events.deck) expect(translateContent("ja", `event.${e.id}.title`, e.title)).toMatch(/^仮想：/);
  });
});
