import { describe, expect, it } from "vitest";
import { newMatch } from "../../../shared/index.js";
import { expectRefused, mustApply, started, tariffScenario, twoSeats } from "../helpers.js";

const scenario = tariffScenario();
const noDeal = scenario.noDeal;

describe("extend (instructor moves the deadline)", () => {
  it("adds rounds before the deadline, so a match that would end goes on", () => {
    let s = started(scenario, { settings: { rounds: 1 } });
    s = mustApply(scenario, s, { type: "extend", rounds: 2 });
    expect(s.maxRounds).toBe(3);
    s = mustApply(scenario, s, { type: "propose", by: "j1", offer: noDeal });
    s = mustApply(scenario, s, { type: "propose", by: "u1", offer: noDeal });
    expect(s.phase).toBe("negotiating");
    expect(s.round).toBe(2);
  });

  it("works in the briefing, and is refused once the match ended or beyond 100 rounds", () => {
    const created = newMatch(scenario, { seed: "s", players: twoSeats });
    if (!created.ok) throw new Error();
    expect(mustApply(scenario, created.value, { type: "extend", rounds: 1 }).maxRounds).toBe(created.value.maxRounds + 1);
    const big = started(scenario, { settings: { rounds: 95 } });
    expectRefused(scenario, big, { type: "extend", rounds: 10 }, "BAD_ACTION");
    const ended = mustApply(scenario, started(scenario), { type: "walkaway", by: "j1" });
    expectRefused(scenario, ended, { type: "extend", rounds: 1 }, "WRONG_PHASE");
    expectRefused(scenario, started(scenario), { type: "extend", rounds: 0 }, "BAD_ACTION");
  });
});
