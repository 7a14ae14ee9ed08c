import { describe, expect, it } from "vitest";
import { builtinScenario, builtinScenarioSource, storyText, type ScenarioEvent } from "../../../shared/index.js";

/**
 * Issue 23: a teacher must be able to check every fact the game states. Every story sentence, event and
 * reference cites sources that exist; every deck or timeline event is either real (a date and sources)
 * or marked hypothetical on its card; a real event fires in the week it happened.
 */

const scenario = builtinScenario("tariff-talks-2025")!;
const sourceIds = new Set(scenario.sources.map((s) => s.id));
const OPENING = Date.UTC(2025, 4, 30); // the story's date: 30 May 2025, round 1
const DAY = 86_400_000;

const weekOf = (round: number) => ({ from: OPENING + (round - 1) * 7 * DAY, to: OPENING + (round * 7 - 1) * DAY });
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
const allEvents = (): { event: ScenarioEvent; round?: number }[] => [
  ...scenario.events.timeline.map((t) => ({ event: t.event, round: t.round })),
  ...scenario.events.deck.map((event) => ({ event })),
];

describe("sources in the 2025 scenario", () => {
  it("writes the story as sentences, each with at least one source that exists", () => {
    expect(Array.isArray(scenario.story)).toBe(true);
    if (typeof scenario.story === "string") return;
    expect(scenario.story.length).toBeGreaterThanOrEqual(5);
    for (const sentence of scenario.story) {
      expect(sentence.sources.length, sentence.text).toBeGreaterThan(0);
      for (const id of sentence.sources) expect(sourceIds.has(id), `${id} in "${sentence.text}"`).toBe(true);
      // One sentence per entry: a second full stop inside would be an unsourced sentence riding along.
      expect(sentence.text.replace(/\(.*?\)/g, "").split(/(?<=[.!?])\s+(?=[A-Z])/).length, sentence.text).toBe(1);
    }
    expect(storyText(scenario.story)).toContain("30 May 2025");
  });

  it("gives every source a title, an outlet, a date and an http(s) link, and cites every source somewhere", () => {
    const cited = new Set([
      ...(typeof scenario.story === "string" ? [] : scenario.story.flatMap((s) => s.sources)),
      ...allEvents().flatMap(({ event }) => event.sources ?? []),
      ...scenario.references.flatMap((r) => r.sources ?? []),
      ...scenario.assumptions.flatMap((a) => a.sources ?? []),
      ...scenario.issues.flatMap((i) => i.sources ?? []),
    ]);
    for (const source of scenario.sources) {
      expect(source.title.length).toBeGreaterThan(5);
      expect(source.outlet.length).toBeGreaterThan(2);
      expect(source.url).toMatch(/^https?:\/\//);
      expect(cited.has(source.id), `source ${source.id} is listed but never cited`).toBe(true);
    }
  });

  it("marks every event real (with a date and sources) or hypothetical (and says so on its card)", () => {
    for (const { event } of allEvents()) {
      if (event.hypothetical) {
        expect(event.title, event.id).toMatch(/^Hypothetical: /);
        expect(event.headline, event.id).toMatch(/hypothetical/i);
      } else {
        expect(event.date, event.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(event.sources?.length ?? 0, event.id).toBeGreaterThan(0);
        for (const id of event.sources ?? []) expect(sourceIds.has(id), `${event.id} cites ${id}`).toBe(true);
        expect(event.title, event.id).not.toMatch(/hypothetical/i);
      }
    }
    // Every deck event is invented: the ones that had happened are in the story or the timeline.
    for (const event of scenario.events.deck) expect(event.hypothetical, event.id).toBe(true);
  });

  it("fires each real event in the week it happened (or, for background, in round 1 after it happened)", () => {
    for (const { event, round } of scenario.events.timeline.map((t) => ({ event: t.event, round: t.round }))) {
      const day = dayOf(event.date!);
      const week = weekOf(round);
      if (day < OPENING) expect(round, `${event.id}: a background event before the opening fires in round 1`).toBe(1);
      else expect(day >= week.from && day <= week.to, `${event.id} (${event.date}) in round ${round}`).toBe(true);
    }
  });

  it("holds the election no later than the week of the real deal (22 July)", () => {
    const dealRound = Math.floor((Date.UTC(2025, 6, 22) - OPENING) / (7 * DAY)) + 1;
    const election = scenario.events.timeline.find((t) => t.event.id === "coalition-loses-majority")!;
    expect(election.round).toBeLessThanOrEqual(dealRound);
  });

  it("cites sources for the real deal and notes, issue by issue, what the texts did and did not contain", () => {
    const real = scenario.references.find((r) => r.id === "july-2025")!;
    expect(real.sources?.length ?? 0).toBeGreaterThan(0);
    for (const id of real.sources ?? []) expect(sourceIds.has(id)).toBe(true);
    for (const issue of scenario.issues) expect(real.notes?.[issue.id], `note for ${issue.id}`).toMatch(/\w+.*\./);
    expect(real.notes?.G).toMatch(/28 October/);
    expect(real.notes?.H).toMatch(/Bessent/);
  });

  it("lists the model's assumptions: ratification as a teaching model, political-value weights, the rice context", () => {
    const ids = scenario.assumptions.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(["ratification", "political-value", "rice", "pass-through"]));
    const text = (id: string) => scenario.assumptions.find((a) => a.id === id)!.text;
    expect(text("ratification")).toMatch(/Putnam/);
    expect(text("political-value")).toMatch(/1\.3/);
    expect(text("rice")).toMatch(/¥341/);
  });

  it("uses neutral wording for Japan's car rules (Japan charges no tariff on cars)", () => {
    const raw = JSON.stringify(builtinScenarioSource("tariff-talks-2025"));
    expect(raw).not.toMatch(/keep US cars out|non-tariff barriers on US cars/i);
  });
});
