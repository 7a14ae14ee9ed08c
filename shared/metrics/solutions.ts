import type { FrontierPoint } from "./frontier.js";

/**
 * Bargaining solutions and outcome measures on a frontier, relative to the reservation
 * point r = (rA, rB) (what each side gets with no deal).
 */

export type Point = { a: number; b: number };

const individuallyRational = (frontier: readonly FrontierPoint[], r: Point) =>
  frontier.filter((p) => p.a >= r.a && p.b >= r.b);

/** Nash bargaining solution: argmax (a − rA)(b − rB) over individually rational outcomes. */
export function nashPoint(frontier: readonly FrontierPoint[], r: Point): FrontierPoint | undefined {
  let best: FrontierPoint | undefined;
  let bestProduct = -Infinity;
  for (const p of individuallyRational(frontier, r)) {
    const product = (p.a - r.a) * (p.b - r.b);
    if (product > bestProduct) {
      best = p;
      bestProduct = product;
    }
  }
  return best;
}

/**
 * Kalai–Smorodinsky: the rational outcome whose gains are most nearly in proportion to each
 * side's best possible gain (max of the smaller of the two normalised gains).
 */
export function kalaiSmorodinskyPoint(frontier: readonly FrontierPoint[], r: Point): FrontierPoint | undefined {
  const rational = individuallyRational(frontier, r);
  if (rational.length === 0) return undefined;
  const idealA = Math.max(...rational.map((p) => p.a)) - r.a;
  const idealB = Math.max(...rational.map((p) => p.b)) - r.b;
  let best: FrontierPoint | undefined;
  let bestScore = -Infinity;
  for (const p of rational) {
    const score = Math.min(idealA > 0 ? (p.a - r.a) / idealA : 1, idealB > 0 ? (p.b - r.b) / idealB : 1);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

/** The largest total gain over no deal among individually rational outcomes (0 when there is none). */
export function maxJointGain(frontier: readonly FrontierPoint[], r: Point): { gain: number; point?: FrontierPoint } {
  let gain = 0;
  let point: FrontierPoint | undefined;
  for (const p of individuallyRational(frontier, r)) {
    const g = p.a - r.a + (p.b - r.b);
    if (g > gain) {
      gain = g;
      point = p;
    }
  }
  return point ? { gain, point } : { gain };
}

/** Euclidean distance, in points, from an outcome to the nearest frontier outcome (0 on the frontier). */
export function distanceToFrontier(frontier: readonly Point[], p: Point): number {
  let best = Infinity;
  for (const q of frontier) {
    // An outcome can never lie beyond the frontier, so nearest-point distance is the measure.
    best = Math.min(best, Math.hypot(q.a - p.a, q.b - p.b));
  }
  return best;
}

export const distance = (p: Point, q: Point): number => Math.hypot(p.a - q.a, p.b - q.b);
