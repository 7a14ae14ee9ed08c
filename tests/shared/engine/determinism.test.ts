import { describe, expect, it } from "vitest";
import { builtinScenario, stateHash, type MatchState } from "../../../shared/index.js";
import { mustApply, started } from "../helpers.js";

describe("determinism", () => {
  it("the same scenario, seed and actions give the same states, byte for byte", () => {
    const scenario = builtinScenario("tariff-talks-2025")!;
    const play = (): MatchState[] => {
      let s = started(scenario, { seed: "same", settings: { events: "both", privateVariant: true } });
      const states = [s];
      for (let round = 0; round < 9 && s.phase !== "ended"; round++) {
        s = mustApply(scenario, s, { type: "propose", by: "j1", offer: scenario.references[0]!.offer });
        states.push(s);
        if (s.phase === "ended") break;
        s = mustApply(scenario, s, { type: "chat", by: "u1", text: `round ${round}`, to: "team" });
        s = mustApply(scenario, s, { type: "propose", by: "u1", offer: scenario.noDeal });
        states.push(s);
      }
      return states;
    };
    const first = play();
    const second = play();
    expect(first.map((s) => JSON.stringify(s))).toEqual(second.map((s) => JSON.stringify(s)));
    expect(first.map(stateHash)).toEqual(second.map(stateHash));
    expect(new Set(first.map(stateHash)).size).toBe(first.length);
  });
});

describe("the warm-up scenario", () => {
  it("plays to an agreement with its own sides and issues", () => {
    const scenario = builtinScenario("harbor-lease")!;
    const seats = [
      { id: "c1", name: "Mayor", side: "city", role: "mayor" },
      { id: "l1", name: "Skipper", side: "line", role: "ceo" },
    ];
    let s = started(scenario, { players: seats });
    expect(s.turn).toBe("line");
    s = mustApply(scenario, s, { type: "propose", by: "l1", offer: { rent: "8", term: "20", power: "city-pays" } });
    s = mustApply(scenario, s, { type: "propose", by: "c1", offer: { rent: "10", term: "10", power: "line-pays" } });
    s = mustApply(scenario, s, { type: "accept", by: "l1", proposalId: "p2" });
    expect(s.outcome).toMatchObject({ kind: "agreement", points: { city: 40 + 5 + 12, line: -30 + 20 - 8 + 2 } });
  });
});
