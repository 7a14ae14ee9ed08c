import { describe, expect, it } from "vitest";
import { viewFor } from "../../shared/index.js";
import { estimateOpponentWeights, issueWeightsFromPoints } from "../../shared/bots/index.js";
import { mean, play, scenario } from "./helpers.js";

describe("what the adaptive bot thought the other side cared about", () => {
  it("gives a weight per issue summing to 1, from the bot's own seat view only", () => {
    const { state } = play("linear", "adaptive", "estimate");
    const estimate = estimateOpponentWeights(viewFor(scenario, state, { kind: "seat", side: "us", role: "treasury" }));
    expect(estimate.side).toBe("japan");
    expect(Object.keys(estimate.weights)).toEqual(scenario.issues.map((i) => i.id));
    expect(Object.values(estimate.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it("sees that Japan's adaptive negotiator cares about the tariffs more than the small US asks", () => {
    // Japan's sheet: cars (A) and other goods (B) dominate; purchases (D), car rules (E), review (H) are small.
    const tariff: number[] = [];
    const small: number[] = [];
    for (let k = 0; k < 6; k++) {
      const { state } = play("adaptive", "adaptive", `estimate-${k}`);
      const view = viewFor(scenario, state, { kind: "seat", side: "us", role: "treasury" });
      const { weights } = estimateOpponentWeights(view);
      tariff.push(weights.A! + weights.B!);
      small.push(weights.D! + weights.E! + weights.H!);
      const truth = issueWeightsFromPoints(view.sheets.japan!.points);
      expect(truth.A! + truth.B!).toBeGreaterThan(0.5);
    }
    expect(mean(tariff)).toBeGreaterThan(2 * mean(small));
  });
});
