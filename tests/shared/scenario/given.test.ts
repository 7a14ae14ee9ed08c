import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  analyzeSpace,
  builtinScenarioSource,
  nashPoint,
  newMatch,
  offerIndices,
  packagePoints,
  paretoFrontierBruteForce,
  parseScenario,
  sidePointTable,
  type Problem,
  type Scenario,
} from "../../../shared/index.js";
import { playBotMatch, resolveBot } from "../../../shared/bots/index.js";
import { mustApply } from "../helpers.js";

/** Given utilities: point tables per side (weight × evaluation), taken as written. */

const root = join(import.meta.dirname, "../../..");
const jobOfferSource = () => JSON.parse(readFileSync(join(root, "examples/scenarios/job-offer.json"), "utf8"));

function parsed(raw: unknown): Scenario {
  const result = parseScenario(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function problemsOf(edit: (raw: any) => void): Problem[] {
  const raw = jobOfferSource();
  edit(raw);
  const result = parseScenario(raw);
  if (result.ok) throw new Error("expected the scenario to be refused");
  return result.error;
}

const expectProblem = (problems: Problem[], path: string, words: RegExp) =>
  expect(problems, JSON.stringify(problems)).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(words) }));

describe("given utilities", () => {
  const scenario = parsed(jobOfferSource());

  it("scores each option weight × evaluation, as written (not against the no-deal package)", () => {
    expect(sidePointTable(scenario, "firm")).toEqual([
      [40, 30, 15, 0],
      [20, 16, 10, 0],
      [40, 25, 0],
    ]);
    // The candidate's remote-days weight is 2.
    expect(sidePointTable(scenario, "candidate")).toEqual([
      [0, 12, 24, 36],
      [0, 18, 30, 40],
      [0, 4, 6],
    ]);
    // The no-deal package scores what its table says; no deal itself is worth the reservation.
    const noDeal = offerIndices(scenario, scenario.noDeal)!;
    expect(packagePoints(sidePointTable(scenario, "firm"), noDeal)).toBe(40 + 20 + 0);
  });

  it("plays a match: an agreement scores the package's points minus delay, no deal the reservation", () => {
    const players = [
      { id: "f", name: "Kim", side: "firm", role: "head" },
      { id: "c", name: "Dana", side: "candidate", role: "dana" },
    ];
    const created = newMatch(scenario, { seed: "g", players });
    if (!created.ok) throw new Error(created.error.message);
    let state = mustApply(scenario, created.value, { type: "start" });
    const offer = { salary: "130k", remote: "2", start: "1m" };
    for (let round = 1; round <= 3; round++) {
      state = mustApply(scenario, state, { type: "propose", by: "f", offer });
      if (round < 3) state = mustApply(scenario, state, { type: "propose", by: "c", offer: { salary: "140k", remote: "3", start: "3m" } });
    }
    state = mustApply(scenario, state, { type: "accept", by: "c", proposalId: state.standingProposalId });
    expect(state.outcome?.kind).toBe("agreement");
    // Agreed in round 3 (Wednesday): Monday and Tuesday cost nothing.
    expect(state.outcome?.points).toEqual({ firm: 15 + 10 + 25, candidate: 24 + 30 + 4 });
    expect(state.round).toBe(3);
  });

  it("gives the debrief a frontier and Nash point equal to brute force, relative to the reservations", () => {
    const created = newMatch(scenario, { seed: "g" });
    if (!created.ok) throw new Error(created.error.message);
    const analysis = analyzeSpace(scenario, created.value);
    const brute = paretoFrontierBruteForce(sidePointTable(scenario, "firm"), sidePointTable(scenario, "candidate"));
    expect(analysis.frontier.map(({ a, b }) => [a, b])).toEqual(brute.map(({ a, b }) => [a, b]));
    expect(analysis.reservation).toEqual({ a: 20, b: 25 });
    const nash = nashPoint(brute, { a: 20, b: 25 })!;
    expect([analysis.nash?.a, analysis.nash?.b]).toEqual([nash.a, nash.b]);
    expect(analysis.outcomes).toBe(4 * 4 * 3);
  });

  it("lets bots play it to a deal above both reservations", () => {
    const spec = (name: string) => {
      const r = resolveBot(name);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const { state } = playBotMatch(scenario, { seed: "b", seats: { firm: { spec: spec("adaptive") }, candidate: { spec: spec("linear") } } });
    expect(state.outcome?.kind).toBe("agreement");
    expect(state.outcome!.points.firm!).toBeGreaterThanOrEqual(20);
    expect(state.outcome!.points.candidate!).toBeGreaterThanOrEqual(25);
  });

  it("mixes with computed issues, which stay relative to the no-deal option", () => {
    const raw = builtinScenarioSource("harbor-lease") as any;
    raw.issues[2].payoff = { kind: "given", weights: { city: 3 }, evaluations: { city: { none: 1, "city-pays": 2, "line-pays": 5 }, line: { none: -1, "city-pays": 4, "line-pays": 0 } } };
    const harbor = parsed(raw);
    expect(sidePointTable(harbor, "city")[2]).toEqual([3, 6, 15]);
    expect(sidePointTable(harbor, "line")[2]).toEqual([-1, 4, 0]);
    expect(sidePointTable(harbor, "city")[0]).toEqual([0, 32, 40, 48]);
  });

  it("refuses a table with a missing or unknown option, an unknown side, or a negative weight", () => {
    expectProblem(problemsOf((raw) => delete raw.issues[0].payoff.evaluations.firm["130k"]), "issues[0].payoff.evaluations.firm", /no evaluation for option "130k" of issue salary/);
    expectProblem(problemsOf((raw) => (raw.issues[0].payoff.evaluations.firm["150k"] = 1)), "issues[0].payoff.evaluations.firm.150k", /issue salary has no option "150k"/);
    expectProblem(problemsOf((raw) => (raw.issues[1].payoff.evaluations.board = { "0": 1 })), "issues[1].payoff.evaluations.board", /unknown side "board"/);
    expectProblem(problemsOf((raw) => (raw.issues[1].payoff.weights.board = 1)), "issues[1].payoff.weights.board", /unknown side "board"/);
    expectProblem(problemsOf((raw) => (raw.issues[1].payoff.weights.firm = -1)), "issues[1].payoff.weights.firm", />=0|too small/i);
    expectProblem(problemsOf((raw) => (raw.issues[2].payoff.evaluations.firm.now = "high")), "issues[2].payoff.evaluations.firm.now", /number/i);
  });
});
