import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { pickPackage } from "../../shared/bots/search.js";
import { randomPackageNear } from "../../shared/bots/near-target.js";
import { frequencyModel, oppositionPrior } from "../../shared/bots/opponent-model.js";

/** Small random spaces, searched by brute force for the answer. */
function randomSpace(random: () => number) {
  const issues = 2 + Math.floor(random() * 3);
  const mine = Array.from({ length: issues }, () => Array.from({ length: 2 + Math.floor(random() * 4) }, () => Math.round(random() * 40 - 10)));
  const score = mine.map((row) => row.map(() => Math.round(random() * 20)));
  const allowed = mine.map((row) => row.map(() => random() > 0.15));
  return { mine, score, allowed };
}

function* packages(sizes: number[]): Generator<number[]> {
  const choice = sizes.map(() => 0);
  while (true) {
    yield [...choice];
    let i = 0;
    while (i < sizes.length && ++choice[i]! === sizes[i]!) choice[i++] = 0;
    if (i === sizes.length) return;
  }
}

const sum = (table: number[][], choice: number[]) => choice.reduce((total, option, i) => total + table[i]![option]!, 0);
const isAllowed = (allowed: boolean[][], choice: number[]) => choice.every((option, i) => allowed[i]![option]);

describe("package search", () => {
  it("pickPackage finds the best-scoring package that reaches the floor, as brute force does", () => {
    const random = seedrandom("pick");
    for (let trial = 0; trial < 300; trial++) {
      const { mine, score, allowed } = randomSpace(random);
      const floor = Math.round(random() * 60 - 10);
      let best: number | undefined;
      for (const choice of packages(mine.map((row) => row.length))) {
        if (isAllowed(allowed, choice) && sum(mine, choice) >= floor) best = Math.max(best ?? -Infinity, sum(score, choice));
      }
      const pick = pickPackage(mine, score, allowed, floor);
      if (best === undefined) {
        expect(pick).toBeUndefined();
        continue;
      }
      expect(pick).toBeDefined();
      expect(isAllowed(allowed, pick!.choice)).toBe(true);
      expect(sum(mine, pick!.choice)).toBeGreaterThanOrEqual(floor);
      expect(sum(score, pick!.choice)).toBeCloseTo(best, 9);
    }
  });

  it("randomPackageNear lands at or above the floor, within one option step of it, and varies with the stream", () => {
    const random = seedrandom("near");
    const seen = new Set<string>();
    for (let trial = 0; trial < 300; trial++) {
      const { mine, allowed } = randomSpace(random);
      const floor = Math.round(random() * 60 - 10);
      const choice = randomPackageNear(mine, allowed, floor, random);
      const reachable = [...packages(mine.map((row) => row.length))].some((c) => isAllowed(allowed, c) && sum(mine, c) >= floor);
      if (!reachable) {
        expect(choice).toBeUndefined();
        continue;
      }
      expect(isAllowed(allowed, choice!)).toBe(true);
      const points = sum(mine, choice!);
      expect(points).toBeGreaterThanOrEqual(floor);
      // No single change of one issue could get closer to the floor without going under it.
      choice!.forEach((option, i) => {
        mine[i]!.forEach((value, j) => {
          if (!allowed[i]![j]) return;
          const moved = points - mine[i]![option]! + value;
          if (moved >= floor) expect(moved).toBeGreaterThanOrEqual(points);
        });
      });
      seen.add(choice!.join(","));
    }
    expect(seen.size).toBeGreaterThan(100);
  });
});

describe("frequency opponent model", () => {
  it("gives weight to the issues the opponent holds at its opening option, and value to what it keeps offering", () => {
    const prior = oppositionPrior([
      [3, 2, 1],
      [3, 2, 1],
      [3, 2, 1],
    ]);
    // The opponent holds issue 0, moves on issue 1 once and then stays, swings on issue 2.
    const offers = [
      [2, 2, 2],
      [2, 1, 0],
      [2, 1, 2],
      [2, 1, 1],
    ];
    const model = frequencyModel(prior, offers, { learningRate: 0.25, priorWeight: 0.3 });
    expect(model.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(model.weights[0]!).toBeGreaterThan(model.weights[1]!);
    expect(model.weights[0]!).toBeGreaterThan(model.weights[2]!);
    expect(model.values[0]).toEqual([expect.any(Number), expect.any(Number), 1]);
    expect(model.values[0]![0]!).toBeLessThan(model.values[0]![1]!);
  });

  it("before any offer, guesses the opponent likes least what we like most", () => {
    expect(oppositionPrior([[10, 5, 5, 0]])).toEqual([[0, 0.5, 0.5, 1]]);
    const model = frequencyModel(oppositionPrior([[10, 0]]), [], { learningRate: 0.25, priorWeight: 0.3 });
    expect(model.values).toEqual([[0, 1]]);
  });
});
