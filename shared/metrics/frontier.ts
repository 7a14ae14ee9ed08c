import type { PointTable } from "../scenario/payoff.js";

/**
 * The exact Pareto frontier of an additive two-party space, without enumerating it.
 * Since points add up issue by issue, a Pareto-optimal package is made of options that are
 * Pareto-optimal for their own issue, and the frontier of the whole space lies inside the sum
 * of the frontiers of its parts. So we fold the issues in one at a time, keeping only the
 * frontier of the partial sums: exact, and fast even for millions of outcomes.
 */

export type FrontierPoint = {
  /** Points of side A and side B. */
  a: number;
  b: number;
  /** Option index per issue. */
  choice: number[];
};

/** Points within this distance count as equal, so float rounding never splits one point into two. */
const EPSILON = 1e-9;

/** Keeps the points no other point dominates; one representative per distinct point. Sorted by a descending. */
export function paretoFilter<T extends { a: number; b: number }>(points: readonly T[]): T[] {
  const sorted = [...points].sort((p, q) => q.a - p.a || q.b - p.b);
  const kept: T[] = [];
  let bestB = -Infinity;
  for (const point of sorted) {
    if (point.b > bestB + EPSILON) {
      kept.push(point);
      bestB = point.b;
    }
  }
  return kept;
}

/**
 * `allowed[i][j]` false drops option j of issue i (e.g. forbidden by a red line).
 * Returns the frontier sorted by side A's points, descending.
 */
export function paretoFrontier(a: PointTable, b: PointTable, allowed?: readonly (readonly boolean[])[]): FrontierPoint[] {
  let frontier: FrontierPoint[] = [{ a: 0, b: 0, choice: [] }];
  for (let issue = 0; issue < a.length; issue++) {
    const rowA = a[issue]!;
    const rowB = b[issue]!;
    const options = paretoFilter(
      rowA.map((pointsA, option) => ({ a: pointsA, b: rowB[option]!, option })).filter((o) => allowed?.[issue]?.[o.option] ?? true),
    );
    const sums: FrontierPoint[] = [];
    for (const partial of frontier) {
      for (const option of options) sums.push({ a: partial.a + option.a, b: partial.b + option.b, choice: [...partial.choice, option.option] });
    }
    frontier = paretoFilter(sums);
  }
  return frontier;
}

/**
 * The same frontier by brute force over every outcome, kept to check the fast one and to
 * measure the outcome space itself. Uses typed arrays: 10⁶ outcomes fit in 16 MB.
 */
export function paretoFrontierBruteForce(a: PointTable, b: PointTable, allowed?: readonly (readonly boolean[])[]): FrontierPoint[] {
  const options = a.map((row, i) => row.map((_, j) => j).filter((j) => allowed?.[i]?.[j] ?? true));
  const total = options.reduce((n, list) => n * list.length, 1);
  const xs = new Float64Array(total);
  const ys = new Float64Array(total);
  for (let index = 0; index < total; index++) {
    let rest = index;
    let x = 0;
    let y = 0;
    for (let issue = 0; issue < options.length; issue++) {
      const list = options[issue]!;
      const option = list[rest % list.length]!;
      rest = Math.floor(rest / list.length);
      x += a[issue]![option]!;
      y += b[issue]![option]!;
    }
    xs[index] = x;
    ys[index] = y;
  }
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  order.sort((p, q) => xs[q]! - xs[p]! || ys[q]! - ys[p]!);
  const frontier: FrontierPoint[] = [];
  let bestB = -Infinity;
  for (const index of order) {
    if (ys[index]! > bestB + EPSILON) {
      bestB = ys[index]!;
      let rest = index;
      const choice = options.map((list) => {
        const option = list[rest % list.length]!;
        rest = Math.floor(rest / list.length);
        return option;
      });
      frontier.push({ a: xs[index]!, b: ys[index]!, choice });
    }
  }
  return frontier;
}

export const outcomeCount = (table: PointTable, allowed?: readonly (readonly boolean[])[]): number =>
  table.reduce((n, row, i) => n * row.filter((_, j) => allowed?.[i]?.[j] ?? true).length, 1);
