import { describe, expect, it } from "vitest";
import { builtinScenarioIds, builtinScenarioSource, parseScenario, type Problem } from "../../../shared/index.js";

const source = () => builtinScenarioSource("tariff-talks-2025") as any;

function problemsOf(edit: (raw: any) => void): Problem[] {
  const raw = source();
  edit(raw);
  const parsed = parseScenario(raw);
  if (parsed.ok) throw new Error("expected the scenario to be refused");
  return parsed.error;
}

const expectProblem = (problems: Problem[], path: string, words: RegExp) =>
  expect(problems, JSON.stringify(problems)).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(words) }));

describe("parseScenario", () => {
  it("accepts every built-in scenario", () => {
    for (const id of builtinScenarioIds()) expect(parseScenario(builtinScenarioSource(id)).ok).toBe(true);
  });

  it("refuses input that is not an object", () => {
    for (const bad of [null, 42, "scenario", []]) {
      const parsed = parseScenario(bad);
      expect(parsed.ok).toBe(false);
    }
  });

  it("names a wrong type with its path", () => {
    expectProblem(problemsOf((raw) => (raw.models.tariff.elasticity = "2.5")), "models.tariff.elasticity", /number/i);
    expectProblem(problemsOf((raw) => (raw.issues[0].options[1].rate = true)), "issues[0].options[1].rate", /number/i);
  });

  it("names a missing field", () => {
    expectProblem(problemsOf((raw) => delete raw.sides[0].roles[0].brief), "sides[0].roles[0].brief", /expected string|required/i);
  });

  it("names an unknown field instead of ignoring a typo", () => {
    expectProblem(problemsOf((raw) => (raw.issues[2].optoins = [])), "issues[2]", /optoins/);
  });

  it("refuses a no-deal package with an unknown issue or a missing option", () => {
    expectProblem(problemsOf((raw) => (raw.noDeal.Z = "x")), "noDeal.Z", /unknown issue "Z"/);
    expectProblem(problemsOf((raw) => delete raw.noDeal.C), "noDeal.C", /no option chosen for issue C/);
    expectProblem(problemsOf((raw) => (raw.noDeal.A = "30")), "noDeal.A", /issue A has no option "30"/);
  });

  it("refuses a red line on an unknown issue or option", () => {
    expectProblem(problemsOf((raw) => (raw.sides[0].redLines[0].issue = "Q")), "sides[0].redLines[0].issue", /unknown issue "Q"/);
    expectProblem(problemsOf((raw) => (raw.sides[0].redLines[0].forbiddenOptions = ["plus90"])), "sides[0].redLines[0].forbiddenOptions", /no option "plus90"/);
  });

  it("refuses a tariff issue whose option lacks a rate, or names an unknown good", () => {
    expectProblem(problemsOf((raw) => delete raw.issues[0].options[2].rate), "issues[0].options[2].rate", /needs a rate/);
    expectProblem(problemsOf((raw) => (raw.issues[1].payoff.good = "steel")), "issues[1].payoff.good", /unknown good "steel"/);
  });

  it("refuses coefficients for an unknown side or quantity", () => {
    expectProblem(problemsOf((raw) => (raw.issues[3].payoff.coefficients.korea = { pledgeBn: 1 })), "issues[3].payoff.coefficients.korea", /unknown side "korea"/);
    expectProblem(problemsOf((raw) => (raw.issues[3].payoff.coefficients.us.pledgeTn = 1)), "issues[3].payoff.coefficients.us.pledgeTn", /no option of issue D has a quantity/);
  });

  it("refuses duplicate ids, a bad first mover, and misplaced deadlines", () => {
    expectProblem(problemsOf((raw) => (raw.issues[1].id = "A")), "issues", /issue id "A" is used twice/);
    expectProblem(problemsOf((raw) => (raw.firstMover = "china")), "firstMover", /unknown side "china"/);
    expectProblem(problemsOf((raw) => (raw.hardDeadline.round = 5)), "hardDeadline.round", /last round/);
    expectProblem(problemsOf((raw) => (raw.softDeadline.round = 9)), "softDeadline.round", /before the last round/);
  });

  it("refuses events that name unknown sides or issues, or come after the last round", () => {
    const scaleEvent = source().events.deck.findIndex((e: any) => e.effects[0]?.kind === "scale");
    expectProblem(problemsOf((raw) => (raw.events.deck[scaleEvent].effects[0].issue = "Q")), `events.deck[${scaleEvent}].effects[0].issue`, /unknown issue "Q"/);
    expectProblem(problemsOf((raw) => (raw.events.timeline[0].event.effects[0].side = "eu")), "events.timeline[0].event.effects[0].side", /unknown side "eu"/);
    expectProblem(problemsOf((raw) => (raw.events.timeline[0].round = 12)), "events.timeline[0].round", /after the last round/);
  });

  it("refuses a fallback to an unknown option, a citation of an unknown source, and notes on unknown issues", () => {
    const letter = source().events.timeline.findIndex((t: any) => t.event.id === "tariff-letter");
    expectProblem(
      problemsOf((raw) => (raw.events.timeline[letter].event.effects[0].fallback.option = "n+99")),
      `events.timeline[${letter}].event.effects[0].fallback.option`,
      /no option "n\+99"/,
    );
    expectProblem(problemsOf((raw) => (raw.story[0].sources = ["nowhere"])), "story[0].sources[0]", /unknown source "nowhere"/);
    expectProblem(problemsOf((raw) => (raw.references[0].notes.Z = "A note.")), "references[0].notes.Z", /unknown issue "Z"/);
    expectProblem(problemsOf((raw) => raw.sources.push({ ...raw.sources[0] })), "sources", /used twice/);
  });

  it("refuses a source without a link or with a malformed date", () => {
    expectProblem(problemsOf((raw) => (raw.sources[0].url = "not a link")), "sources[0].url", /url/i);
    expectProblem(problemsOf((raw) => (raw.sources[0].date = "31 May 2025")), "sources[0].date", /YYYY-MM-DD/);
    expectProblem(problemsOf((raw) => (raw.story[0].sources = [])), "story[0].sources", /1/);
  });

  it("collects several problems at once", () => {
    const problems = problemsOf((raw) => {
      raw.noDeal.A = "30";
      raw.firstMover = "china";
    });
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });
});
