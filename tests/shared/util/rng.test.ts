import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { createRng, drawNumbers } from "../../../shared/util/rng.js";

describe("the match's random stream", () => {
  it("draws exactly seedrandom's alea sequence, however the draws are split", () => {
    for (const seed of ["bench", "class-ABCD2345", "", "日本"]) {
      const reference = seedrandom.alea(seed);
      let rng = createRng(seed);
      const drawn: number[] = [];
      for (let i = 0; i < 30; i++) {
        const next = drawNumbers(rng, i % 4);
        rng = next.rng;
        drawn.push(...next.values);
      }
      expect(drawn).toEqual(drawn.map(() => reference()));
      expect(rng.draws).toBe(drawn.length);
    }
  });

  it("never changes the stream it was given", () => {
    const rng = createRng("frozen");
    const before = JSON.stringify(rng);
    drawNumbers(rng, 5);
    expect(JSON.stringify(rng)).toBe(before);
  });
});
