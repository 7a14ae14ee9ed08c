import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import {
  distanceToFrontier,
  effectiveSideTable,
  kalaiSmorodinskyPoint,
  maxJointGain,
  nashPoint,
  paretoFilter,
  paretoFrontier,
  paretoFrontierBruteForce,
  ratifiableOptions,
  type PointTable,
} from "../../../shared/index.js";
import { started, tariffScenario } from "../helpers.js";

const asPairs = (points: { a: number; b: number }[]) => points.map((p) => [p.a.toFixed(9), p.b.toFixed(9)]);

function randomTables(seed: string, issues: number, options: number): [PointTable, PointTable, boolean[][]] {
  const random = seedrandom(seed);
  const table = () => Array.from({ length: issues }, () => Array.from({ length: options }, () => Math.round((random() * 40 - 20) * 4) / 4));
  const allowed = Array.from({ length: issues }, () => Array.from({ length: options }, () => random() > 0.15));
  allowed.forEach((row) => (row[0] = true));
  return [table(), table(), allowed];
}

describe("Pareto frontier", () => {
  it("paretoFilter keeps exactly the non-dominated points", () => {
    const points = [
      { a: 1, b: 5 }, { a: 2, b: 4 }, { a: 2, b: 3 }, { a: 3, b: 1 }, { a: 0, b: 5 }, { a: 3, b: 1 }, { a: 1, b: 1 },
    ];
    expect(asPairs(paretoFilter(points))).toEqual(asPairs([{ a: 3, b: 1 }, { a: 2, b: 4 }, { a: 1, b: 5 }]));
  });

  it("the issue-by-issue frontier equals brute force on 40 random spaces", () => {
    for (let k = 0; k < 40; k++) {
      const [a, b, allowed] = randomTables(`space-${k}`, 3 + (k % 4), 2 + (k % 5));
      const fast = paretoFrontier(a, b, allowed);
      const slow = paretoFrontierBruteForce(a, b, allowed);
      expect(asPairs(fast)).toEqual(asPairs(slow));
      for (const point of fast) {
        const sumA = point.choice.reduce((s, option, issue) => s + a[issue]![option]!, 0);
        expect(sumA).toBeCloseTo(point.a, 9);
        point.choice.forEach((option, issue) => expect(allowed[issue]![option]).toBe(true));
      }
    }
  });

  it("equals brute force on the default scenario's ratifiable space", () => {
    const scenario = tariffScenario();
    const state = started(scenario);
    const a = effectiveSideTable(scenario, state, "japan");
    const b = effectiveSideTable(scenario, state, "us");
    const allowed = ratifiableOptions(scenario);
    expect(asPairs(paretoFrontier(a, b, allowed))).toEqual(asPairs(paretoFrontierBruteForce(a, b, allowed)));
  });
});

describe("bargaining solutions", () => {
  // Frontier of a small textbook space; reservation (1, 1).
  const frontier = [
    { a: 10, b: 1, choice: [0] },
    { a: 8, b: 5, choice: [1] },
    { a: 6, b: 8, choice: [2] },
    { a: 3, b: 9, choice: [3] },
    { a: 0, b: 10, choice: [4] },
  ];
  const r = { a: 1, b: 1 };

  it("Nash maximises the product of gains", () => {
    // (7·4 = 28, 5·7 = 35, 2·8 = 16) → (6, 8)
    expect(nashPoint(frontier, r)?.choice).toEqual([2]);
  });

  it("Kalai–Smorodinsky maximises the smaller normalised gain", () => {
    // ideal gains (9, 9): (8,5) → min(7/9, 4/9) = .44; (6,8) → min(5/9, 7/9) = .56; (3,9) → min(2/9, 8/9) = .22
    expect(kalaiSmorodinskyPoint(frontier, r)?.choice).toEqual([2]);
  });

  it("maximum joint gain ignores outcomes below a reservation value", () => {
    expect(maxJointGain(frontier, r)).toMatchObject({ gain: 12, point: { a: 6, b: 8 } });
    expect(maxJointGain(frontier, { a: 7, b: 1 })).toMatchObject({ gain: 5, point: { a: 8, b: 5 } });
    expect(nashPoint(frontier, { a: 11, b: 11 })).toBeUndefined();
  });

  it("distance to the frontier is zero on it and positive below it", () => {
    expect(distanceToFrontier(frontier, { a: 6, b: 8 })).toBe(0);
    expect(distanceToFrontier(frontier, { a: 7, b: 4 })).toBeCloseTo(Math.hypot(1, 1), 9);
  });
});
